namespace Concord.Data;

/// <summary>One feature column of a table: its name from the header (or tag) and its kind.</summary>
public sealed record Feature(string Name, FeatureKind Kind)
{
    /// <summary>The narrowest kind that fits every non-missing value of a column.</summary>
    public static FeatureKind InferKind(ReadOnlySpan<double> values)
    {
        bool binary = true, present = false;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                continue;
            }
            if (v != Math.Floor(v))
            {
                return FeatureKind.Real;
            }
            present = true;
            binary &= v is 0 or 1;
        }
        // A column with no values at all gives no evidence, so it gets the kind that assumes nothing.
        return !present ? FeatureKind.Real : binary ? FeatureKind.Binary : FeatureKind.Integer;
    }
}
