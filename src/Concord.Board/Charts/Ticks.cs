using System.Globalization;

namespace Concord.Board.Charts;

/// <summary>
/// An axis whose ends and ticks are "nice" numbers (1, 2 or 5 times a power of ten), covering the data
/// (Heckbert's labelling, Graphics Gems I): 0 to 0.93 becomes 0, 0.2, …, 1.
/// </summary>
public sealed record Ticks(double Min, double Max, double Step, IReadOnlyList<double> Values)
{
    /// <summary>The nice axis over [<paramref name="min"/>, <paramref name="max"/>] with about <paramref name="count"/> ticks.</summary>
    public static Ticks For(double min, double max, int count = 6)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            throw new ArgumentException($"an axis needs finite ends, not {min} to {max}");
        }
        if (min > max)
        {
            (min, max) = (max, min);
        }
        if (max - min < Math.Max(Math.Abs(max), 1) * 1e-12)
        {
            // One value (a single epoch, a constant loss): an axis around it rather than a division by zero.
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }
        var step = Nice((max - min) / Math.Max(count - 1, 1), round: true);
        var lo = Math.Floor(min / step) * step;
        var hi = Math.Ceiling(max / step) * step;
        var decimals = Decimals(step);
        var n = (int)Math.Round((hi - lo) / step);
        var values = Enumerable.Range(0, n + 1).Select(i => Math.Round(lo + (i * step), decimals)).ToArray();
        return new Ticks(values[0], values[^1], step, values);
    }

    /// <summary>A tick's label with as many decimals as the step needs, invariant.</summary>
    public string Format(double value) => value.ToString("F" + Decimals(Step), CultureInfo.InvariantCulture);

    private static int Decimals(double step) => Math.Clamp(-(int)Math.Floor(Math.Log10(step) + 1e-9), 0, 12);

    private static double Nice(double x, bool round)
    {
        var exponent = Math.Floor(Math.Log10(x));
        var power = Math.Pow(10, exponent);
        var fraction = x / power;
        var nice = round
            ? fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
            : fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }
}
