namespace Concord.ML.SecureBoost;

/// <summary>
/// One party's features cut into quantile bins, locally: the cut points never leave the party. Bin b of a feature
/// holds the values in (cut[b − 1], cut[b]], the last bin everything above the last cut, and a missing value gets
/// the code <see cref="MissingCode"/>, the same for every feature. So "bin ≤ b" and "value ≤ cut[b]" pick the same
/// rows, and a split learned on bins predicts on raw values.
/// </summary>
public sealed class BinnedFeatures
{
    private BinnedFeatures(string[] names, double[][] cuts, byte[][] codes, int maxBin)
    {
        Names = names;
        Cuts = cuts;
        Codes = codes;
        MaxBin = maxBin;
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Per feature, its ascending cut points (bins − 1 of them).</summary>
    public double[][] Cuts { get; }

    /// <summary>Per feature, the bin code of each row.</summary>
    public byte[][] Codes { get; }

    public int MaxBin { get; }

    /// <summary>The code of a missing value: one past the largest bin any feature may have.</summary>
    public byte MissingCode => (byte)MaxBin;

    /// <summary>Codes per feature, <see cref="MaxBin"/> bins and the missing code.</summary>
    public int CodeCount => MaxBin + 1;

    public int FeatureCount => Names.Count;

    public int RowCount => Codes.Length == 0 ? 0 : Codes[0].Length;

    public int BinCount(int feature) => Cuts[feature].Length + 1;

    /// <summary>The threshold of split "bin ≤ b": cut[b], or +∞ for the last bin (every present value goes left).</summary>
    public double Threshold(int feature, int bin) => bin < Cuts[feature].Length ? Cuts[feature][bin] : double.PositiveInfinity;

    /// <summary>
    /// Quantile cut points per feature from its present values: every distinct value but the largest when there are at
    /// most <paramref name="maxBin"/> of them, else the values at ranks ⌈i·n/maxBin⌉ for i = 1 … maxBin − 1, deduplicated.
    /// A feature with no present value or a single value (and nothing missing) cannot split and is refused.
    /// </summary>
    public static BinnedFeatures Fit(NumericColumns data, int maxBin, string owner)
    {
        if (maxBin is < 2 or > SecureBoostOptions.MaxBinLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBin), maxBin, $"max_bin must be between 2 and {SecureBoostOptions.MaxBinLimit}");
        }
        var cuts = new double[data.ColumnCount][];
        for (var j = 0; j < data.ColumnCount; j++)
        {
            cuts[j] = CutPoints(data[j], maxBin, data.Names[j], owner);
        }
        return new BinnedFeatures([.. data.Names], cuts, Encode(data, cuts, maxBin), maxBin);
    }

    /// <summary>Other rows of the same features (e.g. validation data) binned with these cut points.</summary>
    public byte[][] Apply(NumericColumns data) => Encode(data.Select(Names), Cuts, MaxBin);

    private static double[] CutPoints(ReadOnlySpan<double> column, int maxBin, string name, string owner)
    {
        var present = new List<double>(column.Length);
        foreach (var v in column)
        {
            if (double.IsNaN(v))
            {
                continue;
            }
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"{owner}: feature \"{name}\" holds {v}; only finite values or missing ones can be binned");
            }
            present.Add(v);
        }
        if (present.Count == 0)
        {
            throw new ArgumentException($"{owner}: feature \"{name}\" is missing in all {column.Length} rows; drop the column");
        }
        present.Sort();
        var distinct = present.Distinct().ToArray();
        if (distinct.Length == 1 && present.Count == column.Length)
        {
            throw new ArgumentException($"{owner}: feature \"{name}\" has a single value ({distinct[0]}) in all {column.Length} rows, so it cannot split anything; drop the column");
        }
        if (distinct.Length <= maxBin)
        {
            return distinct[..^1];
        }
        var cuts = new List<double>(maxBin - 1);
        var n = present.Count;
        for (var i = 1; i < maxBin; i++)
        {
            var cut = present[(int)(((long)i * n + maxBin - 1) / maxBin) - 1];
            if (cut < present[^1] && (cuts.Count == 0 || cut > cuts[^1]))
            {
                cuts.Add(cut);
            }
        }
        return [.. cuts];
    }

    private static byte[][] Encode(NumericColumns data, double[][] cuts, int maxBin)
    {
        var codes = new byte[data.ColumnCount][];
        for (var j = 0; j < data.ColumnCount; j++)
        {
            var column = data[j];
            var featureCuts = cuts[j];
            var code = codes[j] = new byte[column.Length];
            for (var i = 0; i < column.Length; i++)
            {
                code[i] = double.IsNaN(column[i]) ? (byte)maxBin : (byte)LowerBound(featureCuts, column[i]);
            }
        }
        return codes;
    }

    /// <summary>The number of cuts below x: the bin whose upper bound is the first cut ≥ x.</summary>
    private static int LowerBound(double[] cuts, double x)
    {
        int lo = 0, hi = cuts.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cuts[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
