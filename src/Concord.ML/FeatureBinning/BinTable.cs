namespace Concord.ML.FeatureBinning;

/// <summary>
/// One column's bins as the metrics show them: rows and events per bin (value bins, then the missing bin), WOE and IV
/// per bin for a binary label, IV per class for a multi-class one. <see cref="Cuts"/> is null where they are not
/// known: the guest never sees a host's cut points. At a host <see cref="Counts"/> and <see cref="Events"/> are empty:
/// it learns only the WOEs and IVs the guest returns.
/// </summary>
public sealed record BinTable(
    string Column, string Party, string? AnonymousId, double[]? Cuts, long[] Counts, long[][] Events,
    double[]? Woe, double[]? BinIv, double Iv, IReadOnlyDictionary<string, double>? ClassIvs)
{
    /// <summary>The table of a column's counts and events (one row per class) under <paramref name="labels"/>' events.</summary>
    public static BinTable Of(string column, string party, string? anonymousId, double[]? cuts, long[] counts, long[][] events, BinLabels labels)
    {
        var rows = labels.RowCount;
        if (!labels.MultiClass)
        {
            var (woe, binIv, iv) = WoeIv.Of(counts, events[0], labels.Totals[0], rows - labels.Totals[0]);
            return new BinTable(column, party, anonymousId, cuts, counts, events, woe, binIv, iv, null);
        }
        var classIvs = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var k = 0; k < labels.Classes.Count; k++)
        {
            classIvs[labels.Classes[k]] = WoeIv.Of(counts, events[k], labels.Totals[k], rows - labels.Totals[k]).Iv;
        }
        return new BinTable(column, party, anonymousId, cuts, counts, events, null, null, classIvs.Values.Average(), classIvs);
    }

    public ColumnIv Summary => new(Column, Party, AnonymousId, Iv, ClassIvs);
}
