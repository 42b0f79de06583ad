namespace Concord.ML.FeatureBinning;

/// <summary>
/// A party's own columns cut into bins, on its own data only: the cut points and each row's bin. The codes are what a
/// host sums the guest's label ciphertexts by; the cut points never leave the party.
/// </summary>
public sealed class LocalBins
{
    private LocalBins(IReadOnlyList<string> names, double[][] cuts, byte[][] codes)
    {
        Names = names;
        Cuts = cuts;
        Codes = codes;
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Per column, its cut points (see <see cref="ColumnBins"/> for the bin convention).</summary>
    public double[][] Cuts { get; }

    /// <summary>Per column, each row's bin: 0 … Cuts.Length for values, Cuts.Length + 1 for a missing value.</summary>
    public byte[][] Codes { get; }

    public int ColumnCount => Names.Count;

    /// <summary>Bins of column c, the missing bin included.</summary>
    public int BinCount(int c) => Cuts[c].Length + 2;

    /// <summary>
    /// Cuts the chosen columns by the party's method. <paramref name="labels"/> are the guest's, needed by optimal
    /// binning; a host has none, so it is refused there. Refuses, naming <paramref name="who"/> and the column, a column
    /// that cannot be binned: unknown, non-finite, all missing, or constant.
    /// </summary>
    public static LocalBins Fit(NumericColumns table, FeatureBinningOptions options, string who, BinLabels? labels)
    {
        if (options.Method == BinningMethod.Optimal && labels is null)
        {
            throw new ArgumentException($"{who}: method optimal needs the labels, which only the guest holds; use quantile or bucket at a host");
        }
        var names = options.Columns ?? table.Names;
        var index = table.Names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        foreach (var name in names.Where(n => !index.ContainsKey(n)))
        {
            throw new ArgumentException($"{who}: there is no column \"{name}\" to bin; it has {string.Join(", ", table.Names.Take(8))}{(table.ColumnCount > 8 ? ", ..." : "")}");
        }
        var cuts = new double[names.Count][];
        var codes = new byte[names.Count][];
        var problems = new ArgumentException?[names.Count];
        // Columns are independent (a sort and a binary search per value each), so they are cut on every core.
        Parallel.For(0, names.Count, c =>
        {
            try
            {
                var column = table[index[names[c]]];
                cuts[c] = ColumnCuts(column, names[c], options, who, labels);
                codes[c] = Codify(column, cuts[c]);
            }
            catch (ArgumentException ex)
            {
                problems[c] = ex;
            }
        });
        // The first column in order that cannot be binned is named, whichever thread found it.
        if (problems.FirstOrDefault(p => p is not null) is { } problem)
        {
            throw problem;
        }
        return new LocalBins([.. names], cuts, codes);
    }

    /// <summary>Rows per bin of column c.</summary>
    public long[] Counts(int c)
    {
        var counts = new long[BinCount(c)];
        foreach (var b in Codes[c])
        {
            counts[b]++;
        }
        return counts;
    }

    /// <summary>Events per class and bin of column c: the plaintext sums the guest computes on its own columns.</summary>
    public long[][] Events(int c, BinLabels labels)
    {
        var events = new long[labels.Classes.Count][];
        var codes = Codes[c];
        for (var k = 0; k < events.Length; k++)
        {
            var row = events[k] = new long[BinCount(c)];
            var indicator = labels.Indicators[k];
            for (var r = 0; r < codes.Length; r++)
            {
                row[codes[r]] += indicator[r];
            }
        }
        return events;
    }

    private static double[] ColumnCuts(ReadOnlySpan<double> column, string name, FeatureBinningOptions options, string who, BinLabels? labels)
    {
        for (var r = 0; r < column.Length; r++)
        {
            if (double.IsInfinity(column[r]))
            {
                throw new ArgumentException($"{who}: column \"{name}\" holds {column[r]} in row {r}; binning needs finite numbers");
            }
        }
        var sorted = CutPoints.SortedValues(column);
        if (sorted.Length == 0)
        {
            throw new ArgumentException($"{who}: column \"{name}\" has no values (every row is missing), so it cannot be binned; leave it out of columns");
        }
        if (sorted[0] == sorted[^1])
        {
            throw new ArgumentException($"{who}: column \"{name}\" is constant ({sorted[0]}), so it has one bin and no IV; leave it out of columns");
        }
        return options.Method switch
        {
            BinningMethod.Quantile => CutPoints.Quantile(sorted, options.BinNum),
            BinningMethod.Bucket => CutPoints.Bucket(sorted[0], sorted[^1], options.BinNum),
            _ => Optimal(column, options, labels!),
        };
    }

    private static double[] Optimal(ReadOnlySpan<double> column, FeatureBinningOptions options, BinLabels labels)
    {
        // Binary: classes event / non-event; multi-class: one per class value.
        var classes = labels.MultiClass ? labels.Classes.Count : 2;
        var pairs = new List<(double Value, int Class)>(column.Length);
        for (var r = 0; r < column.Length; r++)
        {
            if (!double.IsNaN(column[r]))
            {
                pairs.Add((column[r], ClassOf(labels, r)));
            }
        }
        pairs.Sort((a, b) => a.Value.CompareTo(b.Value));
        return ChiMerge.Cuts([.. pairs.Select(p => p.Value)], [.. pairs.Select(p => p.Class)], classes, Math.Max(options.OptimalInitBins, options.BinNum), options.BinNum);
    }

    private static int ClassOf(BinLabels labels, int row)
    {
        if (!labels.MultiClass)
        {
            return labels.Indicators[0][row] == 1 ? 0 : 1;
        }
        var k = 0;
        while (labels.Indicators[k][row] == 0)
        {
            k++;
        }
        return k;
    }

    private static byte[] Codify(ReadOnlySpan<double> column, double[] cuts)
    {
        var bins = new ColumnBins("", null, cuts, null);
        var codes = new byte[column.Length];
        for (var r = 0; r < column.Length; r++)
        {
            codes[r] = (byte)bins.BinOf(column[r]);
        }
        return codes;
    }
}
