namespace Concord.ML.Tests;

/// <summary>FATE's early-stopping rule written out again, apart from ValidationCurve, for the validation tests to check it by.</summary>
internal static class PlaintextEarlyStopping
{
    /// <summary>
    /// The validation (1-based) after which the loss has not improved on its best for <paramref name="patience"/>
    /// validations, or null when it never does; and the best validation so far.
    /// </summary>
    public static (int? StopAt, int Best) Rule(IReadOnlyList<double> losses, int patience)
    {
        var best = 0;
        for (var i = 1; i < losses.Count; i++)
        {
            if (losses[i] < losses[best])
            {
                best = i;
            }
            if (i - best >= patience)
            {
                return (i + 1, best + 1);
            }
        }
        return (null, best + 1);
    }
}
