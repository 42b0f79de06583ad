namespace Concord.Data;

/// <summary>
/// Orders names with their digit runs compared as numbers, so that tags x2 and x10 come out as
/// x0, x1, x2, ..., x10 rather than FATE's plain lexicographic x0, x1, x10, x11, ..., x2. Still a total,
/// deterministic order, which matters because every reader of the same tags must arrive at the same columns.
/// </summary>
internal sealed class NaturalOrder : IComparer<string>
{
    public static readonly NaturalOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var a = DigitRun(x, ref i);
                var b = DigitRun(y, ref j);
                // Without leading zeros, a longer run is a larger number; equal lengths compare digit by digit.
                var byValue = a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
                if (byValue != 0)
                {
                    return byValue;
                }
                continue;
            }
            if (x[i] != y[j])
            {
                return x[i].CompareTo(y[j]);
            }
            i++;
            j++;
        }
        var byRest = (x.Length - i).CompareTo(y.Length - j);
        return byRest != 0 ? byRest : string.CompareOrdinal(x, y);
    }

    private static ReadOnlySpan<char> DigitRun(string s, ref int pos)
    {
        var start = pos;
        while (pos < s.Length && char.IsAsciiDigit(s[pos]))
        {
            pos++;
        }
        return s.AsSpan(start, pos - start).TrimStart('0');
    }
}
