namespace Concord.ML.Statistics;

/// <summary>
/// The guest's half of the secure bisection for each column's global minimum and maximum over the order of
/// doubles (<see cref="SortableDouble"/>). The invariant: the global min (max) key lies in [lo, hi]. A probe
/// splits the interval; the aggregate count of parties with a value on the near side says which half keeps it.
/// The key space is 2^64 wide and every round halves it, so after <see cref="Rounds"/> rounds lo = hi = the
/// exact global extreme, which is some party's actual value.
/// </summary>
internal sealed class ExtremeSearch
{
    public const int Rounds = 64;

    private readonly ulong[] _minLo;
    private readonly ulong[] _minHi;
    private readonly ulong[] _maxLo;
    private readonly ulong[] _maxHi;

    public ExtremeSearch(int columns)
    {
        (_minLo, _minHi, _maxLo, _maxHi) = (new ulong[columns], new ulong[columns], new ulong[columns], new ulong[columns]);
        Array.Fill(_minHi, ulong.MaxValue);
        Array.Fill(_maxHi, ulong.MaxValue);
    }

    /// <summary>A min probe per column (the lower middle), then a max probe per column (the upper middle).</summary>
    public ulong[] Probes()
    {
        var columns = _minLo.Length;
        var probes = new ulong[2 * columns];
        for (var c = 0; c < columns; c++)
        {
            probes[c] = _minLo[c] + (_minHi[c] - _minLo[c]) / 2;
            probes[columns + c] = _maxHi[c] - (_maxHi[c] - _maxLo[c]) / 2;
        }
        return probes;
    }

    /// <summary>Narrows every interval by the counts of parties at or below (min) and at or above (max) each probe.</summary>
    /// <exception cref="InvalidDataException">A count exceeds the number of parties: the masks did not cancel.</exception>
    public void Narrow(ReadOnlySpan<ulong> probes, ReadOnlySpan<UInt128> counts, int parties)
    {
        var columns = _minLo.Length;
        foreach (var count in counts)
        {
            if (count > (UInt128)parties)
            {
                throw new InvalidDataException($"a probe count of {count} for {parties} parties: the masks did not cancel");
            }
        }
        for (var c = 0; c < columns; c++)
        {
            if (counts[c] > 0)
            {
                _minHi[c] = probes[c];
            }
            else if (probes[c] < _minHi[c])
            {
                _minLo[c] = probes[c] + 1;
            }
            if (counts[columns + c] > 0)
            {
                _maxLo[c] = probes[columns + c];
            }
            else if (probes[columns + c] > _maxLo[c])
            {
                _maxHi[c] = probes[columns + c] - 1;
            }
        }
    }

    /// <summary>The global minimum, once the rounds are done; meaningless for a column with no value, as its count says.</summary>
    /// <summary>The bounds so far, for a checkpoint.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(_minLo.Length);
        foreach (var bounds in new[] { _minLo, _minHi, _maxLo, _maxHi })
        {
            foreach (var bound in bounds)
            {
                writer.Write(bound);
            }
        }
    }

    public static ExtremeSearch Read(BinaryReader reader)
    {
        var search = new ExtremeSearch(reader.ReadInt32());
        foreach (var bounds in new[] { search._minLo, search._minHi, search._maxLo, search._maxHi })
        {
            for (var c = 0; c < bounds.Length; c++)
            {
                bounds[c] = reader.ReadUInt64();
            }
        }
        return search;
    }

    public double Min(int column) => SortableDouble.FromKey(Converged(_minLo[column], _minHi[column]));

    public double Max(int column) => SortableDouble.FromKey(Converged(_maxLo[column], _maxHi[column]));

    private static ulong Converged(ulong lo, ulong hi) =>
        lo == hi ? lo : throw new InvalidOperationException($"the bisection has not converged: [{lo}, {hi}] is still open");
}
