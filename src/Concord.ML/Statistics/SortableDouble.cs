namespace Concord.ML.Statistics;

/// <summary>
/// Maps doubles to unsigned 64-bit keys in the same order (−∞ &lt; … &lt; −0 &lt; +0 &lt; … &lt; +∞), so that a
/// bisection over integers ends on an exact double rather than an approximation.
/// </summary>
public static class SortableDouble
{
    private const ulong SignBit = 1UL << 63;

    public static ulong ToKey(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException("NaN has no place in the order of doubles", nameof(value));
        }
        var bits = BitConverter.DoubleToUInt64Bits(value);
        // Negative doubles order backwards by their bits; flipping all of them puts them first and in order.
        return (bits & SignBit) != 0 ? ~bits : bits | SignBit;
    }

    public static double FromKey(ulong key) =>
        BitConverter.UInt64BitsToDouble((key & SignBit) != 0 ? key & ~SignBit : ~key);
}
