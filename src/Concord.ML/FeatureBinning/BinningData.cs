namespace Concord.ML.FeatureBinning;

/// <summary>A party's aligned rows for binning: ids (the same, in the same order, at every party after PSI), its numeric columns, and the guest's labels.</summary>
public sealed record BinningData(IReadOnlyList<string> Ids, NumericColumns Columns, double[]? Labels = null);

/// <summary>What a party's binning produced: its own columns' bins and tables, and at the guest every host column's table under its anonymous id.</summary>
public sealed record BinningResult(LocalBins Own, IReadOnlyList<BinTable> OwnTables, IReadOnlyList<BinTable> HostTables)
{
    /// <summary>The IVs a feature selection reads: own columns, then host columns by anonymous id.</summary>
    public BinningSummary Summary => new([.. OwnTables.Concat(HostTables).Select(t => t.Summary)]);
}
