using System.Globalization;

namespace Concord.Flow.Dsl.Specs;

/// <summary>
/// The values a numeric parameter accepts: an interval whose ends may be open or absent, plus a few
/// special values outside it (like a batch size of -1 for "all rows").
/// </summary>
public sealed record NumericRange(double? Min = null, bool MinExclusive = false, double? Max = null, bool MaxExclusive = false)
{
    public IReadOnlyList<double> Also { get; init; } = [];

    public bool Contains(double value) =>
        Also.Contains(value)
        || ((Min is not double min || (MinExclusive ? value > min : value >= min))
            && (Max is not double max || (MaxExclusive ? value < max : value <= max)));

    public override string ToString()
    {
        var interval = (Min, Max) switch
        {
            (double min, double max) => $"in {(MinExclusive ? "(" : "[")}{Format(min)}, {Format(max)}{(MaxExclusive ? ")" : "]")}",
            (double min, null) => $"{(MinExclusive ? "greater than" : "at least")} {Format(min)}",
            (null, double max) => $"{(MaxExclusive ? "less than" : "at most")} {Format(max)}",
            _ => "of any size",
        };
        return Also.Count == 0 ? interval : $"{interval}, or {string.Join(" or ", Also.Select(Format))}";
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
