using System.Numerics;
using Concord.ML.SecureAggregation;

namespace Concord.ML.Statistics;

/// <summary>
/// Per column [count, missing, Σx, Σx²] as elements of Z_2^256: the vector each party masks into the secure sum,
/// and the totals the guest decodes. Values are rounded once, to q = round(x·2^32); after that everything is exact:
/// Σx is Σq at scale 2^32 and Σx² is Σq² at scale 2^64. The guest then forms n·Σq² − (Σq)² in integers, with none of
/// the cancellation a floating-point E[x²] − E[x]² suffers.
/// </summary>
/// <remarks>
/// Σq² needs more than 128 bits for data of any range (q alone can take 111), hence two limbs per element. Rounding
/// it to scale 2^32 to fit one limb would fix its error at 2^-32 absolute, which erases the variance of a column
/// whose values are small.
/// </remarks>
public static class ColumnMoments
{
    /// <summary>UInt128 limbs per ring element.</summary>
    public const int Limbs = 2;

    /// <summary>UInt128 limbs per column: four quantities of <see cref="Limbs"/> limbs.</summary>
    public const int PerColumn = 4 * Limbs;

    /// <summary>One party's moments, in its column order.</summary>
    public static UInt128[] Encode(NumericColumns columns)
    {
        var ring = new UInt128[columns.ColumnCount * PerColumn];
        for (var c = 0; c < columns.ColumnCount; c++)
        {
            var name = columns.Names[c];
            long count = 0;
            Int128 sum = 0;
            var squares = new ExactSquareSum();
            foreach (var x in columns[c])
            {
                if (double.IsNaN(x))
                {
                    continue;
                }
                var q = FixedPoint.Quantize(x, name);
                count++;
                try
                {
                    sum = checked(sum + q);
                }
                catch (OverflowException)
                {
                    throw new FixedPointOverflowException(name, "Σx", $"column \"{name}\": Σx is outside the fixed-point range (±2^95)");
                }
                squares.Add(q);
            }
            var element = ring.AsSpan(c * PerColumn, PerColumn);
            FixedPoint.ToRing(count, element[..Limbs], 0, name, "count");
            FixedPoint.ToRing(columns.RowCount - count, element[Limbs..(2 * Limbs)], 0, name, "missing count");
            FixedPoint.ToRing(sum, element[(2 * Limbs)..(3 * Limbs)], FixedPoint.FractionBits, name, "Σx");
            FixedPoint.ToRing(squares.Total, element[(3 * Limbs)..], 2 * FixedPoint.FractionBits, name, "Σx²");
        }
        return ring;
    }

    /// <summary>The statistics of one column from its ring totals over all parties.</summary>
    /// <param name="min">The global minimum, if the column has any value; ignored otherwise.</param>
    /// <param name="max">The global maximum, likewise.</param>
    /// <exception cref="InvalidDataException">The totals cannot be sums of counts and values: the masks did not cancel.</exception>
    public static ColumnStatistics Decode(string name, ReadOnlySpan<UInt128> totals, double min, double max)
    {
        var count = AsCount(FixedPoint.FromRing(totals[..Limbs]), name);
        var missing = AsCount(FixedPoint.FromRing(totals[Limbs..(2 * Limbs)]), name);
        var sum = FixedPoint.FromRing(totals[(2 * Limbs)..(3 * Limbs)]);
        var squares = FixedPoint.FromRing(totals[(3 * Limbs)..]);
        if (count == 0)
        {
            return new ColumnStatistics(name, 0, missing, null, null, null, null, null);
        }
        var mean = Math.ScaleB((double)sum / count, -FixedPoint.FractionBits);
        if (count == 1)
        {
            return new ColumnStatistics(name, count, missing, mean, null, null, min, max);
        }
        // n·Σq² − (Σq)² is exact, at scale 2^64, and never negative (Cauchy–Schwarz).
        var spread = count * squares - sum * sum;
        if (spread.Sign < 0)
        {
            throw new InvalidDataException($"column \"{name}\": n·Σx² < (Σx)², which exact sums cannot give");
        }
        var variance = Math.ScaleB((double)spread / ((double)count * (count - 1)), -2 * FixedPoint.FractionBits);
        return new ColumnStatistics(name, count, missing, mean, variance, Math.Sqrt(variance), min, max);
    }

    private static long AsCount(BigInteger total, string name) => total.Sign >= 0 && total <= long.MaxValue
        ? (long)total
        : throw new InvalidDataException($"column \"{name}\": the summed count {total} is not a count, so the masks did not cancel");

    /// <summary>Σq² exactly, for |q| &lt; 2^111, without a BigInteger per row in the common case |q| &lt; 2^64.</summary>
    private struct ExactSquareSum
    {
        private UInt128 _low;
        private BigInteger _spilled;

        public readonly BigInteger Total => _spilled + _low;

        public void Add(Int128 q)
        {
            var magnitude = (UInt128)Int128.Abs(q);
            if (magnitude > ulong.MaxValue)
            {
                _spilled += (BigInteger)magnitude * magnitude;
                return;
            }
            var square = magnitude * magnitude;
            var next = _low + square;
            if (next < _low)
            {
                _spilled += _low;
                next = square;
            }
            _low = next;
        }
    }
}
