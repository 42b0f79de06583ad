using Concord.ML.Statistics;

namespace Concord.ML.HomoBinning;

/// <summary>
/// The guest's half of the secure bisection for every cut point at once. Cut k of a column with n values in the
/// union is the smallest value v with #{x ≤ v} ≥ t = ⌈k·n / bins⌉, i.e. the t-th smallest value (the lower or
/// "inverted CDF" quantile). The invariant: that value's sortable key lies in [lo, hi]. A probe at the lower middle
/// keeps the lower half when the union has at least t values at or below it. The key space is 2^64 wide, so after
/// <see cref="Rounds"/> rounds lo = hi = the exact cut, which is some party's actual value.
/// </summary>
internal sealed class QuantileSearch
{
    public const int Rounds = 64;

    private readonly ulong[] _targets;
    private readonly ulong[] _lo;
    private readonly ulong[] _hi;

    /// <param name="counts">The union's count of present values per column.</param>
    public QuantileSearch(IReadOnlyList<UInt128> counts, int bins)
    {
        CutsPerColumn = bins - 1;
        _targets = new ulong[counts.Count * CutsPerColumn];
        for (var c = 0; c < counts.Count; c++)
        {
            for (var k = 1; k < bins; k++)
            {
                // ⌈k·n / bins⌉ in integers; a column with no value keeps target 0, which every probe meets.
                _targets[(c * CutsPerColumn) + k - 1] = (ulong)(((UInt128)k * counts[c] + (UInt128)(bins - 1)) / (UInt128)bins);
            }
        }
        (_lo, _hi) = (new ulong[_targets.Length], new ulong[_targets.Length]);
        Array.Fill(_hi, ulong.MaxValue);
    }

    public int CutsPerColumn { get; }

    /// <summary>One probe per cut, column by column.</summary>
    public ulong[] Probes() => [.. _lo.Select((lo, i) => lo + ((_hi[i] - lo) / 2))];

    /// <summary>Narrows every interval by the union's count of values at or below its probe.</summary>
    /// <exception cref="InvalidDataException">A count above the column's total: the masks did not cancel.</exception>
    public void Narrow(ReadOnlySpan<ulong> probes, ReadOnlySpan<UInt128> atOrBelow, IReadOnlyList<UInt128> totals)
    {
        for (var i = 0; i < _targets.Length; i++)
        {
            if (atOrBelow[i] > totals[i / CutsPerColumn])
            {
                throw new InvalidDataException($"{atOrBelow[i]} values at or below a probe of a column with {totals[i / CutsPerColumn]}: the masks did not cancel");
            }
            if (atOrBelow[i] >= _targets[i])
            {
                _hi[i] = probes[i];
            }
            else
            {
                _lo[i] = probes[i] + 1;
            }
        }
    }

    /// <summary>The converged key of every cut, column by column.</summary>
    public ulong[] Keys() => [.. _lo.Select((lo, i) => lo == _hi[i] ? lo : throw new InvalidOperationException($"the bisection has not converged: [{lo}, {_hi[i]}] is still open"))];

    /// <summary>Each column's distinct cut values, ascending, from the converged keys; a column with no value has none.</summary>
    public static double[][] Cuts(ulong[] keys, IReadOnlyList<UInt128> counts, int cutsPerColumn) =>
        [.. counts.Select((n, c) => n == 0
            ? Array.Empty<double>()
            : keys.AsSpan(c * cutsPerColumn, cutsPerColumn).ToArray().Distinct().Order().Select(SortableDouble.FromKey).ToArray())];
}
