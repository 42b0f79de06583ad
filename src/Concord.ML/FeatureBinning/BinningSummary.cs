using System.Text.Json;

namespace Concord.ML.FeatureBinning;

/// <summary>
/// What a feature selection needs from a fitted binning: the information value (IV) of every binned column, in
/// the order the binning saw them. It travels inside the binning model (<see cref="BinningModel.Summary"/>), so a
/// hetero_feature_selection reads it from the hetero_feature_binning model output on its own party.
/// </summary>
/// <remarks>
/// At the guest the list holds the guest's own columns (by name, <see cref="ColumnIv.Party"/> = the guest) and every
/// host column under its anonymous id only (<see cref="AnonymousColumns.Id(int, int)"/>, e.g. "host_10000_x3"): the guest never
/// learns a host's column names. At a host it holds the host's own columns by name, each with the anonymous id the
/// guest knows it by, so a host can apply a guest's decision made on anonymous ids.
/// </remarks>
public sealed record BinningSummary(IReadOnlyList<ColumnIv> Columns)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The IV of a column, looked up by its name (own columns) or its anonymous id (host columns at the guest).</summary>
    public double Iv(string column) => Find(column)?.Iv
        ?? throw new KeyNotFoundException($"the binning summary has no column \"{column}\"");

    /// <summary>The column with this name or anonymous id, or null.</summary>
    public ColumnIv? Find(string column) =>
        Columns.FirstOrDefault(c => c.Column == column) ?? Columns.FirstOrDefault(c => c.AnonymousId == column);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BinningSummary FromJson(string json) =>
        JsonSerializer.Deserialize<BinningSummary>(json, Json) ?? throw new JsonException("binning summary JSON is null");
}

/// <summary>
/// One binned column's information value. For a binary label <see cref="Iv"/> is the IV; for a multi-class label
/// <see cref="ClassIvs"/> holds the one-vs-rest IV per class (keyed by the label value as text) and <see cref="Iv"/>
/// is their mean (FATE's default merge for multi-class IV filters; take the max or min from ClassIvs if wanted).
/// </summary>
/// <param name="Column">The column's name at its own party; at the guest, a host column's anonymous id.</param>
/// <param name="Party">The party that holds the column, as "role:id" (e.g. "host:10000").</param>
/// <param name="AnonymousId">The id the guest knows a host column by; null for the guest's own columns.</param>
public sealed record ColumnIv(string Column, string Party, string? AnonymousId, double Iv, IReadOnlyDictionary<string, double>? ClassIvs = null)
{
    public bool IsHostColumn => AnonymousId is not null;
}

/// <summary>How a host's columns are named at the guest: by host party id and column position, never by name (as FATE does).</summary>
public static class AnonymousColumns
{
    public static string Id(string hostPartyId, int columnIndex) => $"host_{hostPartyId}_x{columnIndex}";

    public static string Id(int hostPartyId, int columnIndex) => Id(hostPartyId.ToString(System.Globalization.CultureInfo.InvariantCulture), columnIndex);
}
