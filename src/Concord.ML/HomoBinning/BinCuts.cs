using System.Text.Json;
using Concord.Data;

namespace Concord.ML.HomoBinning;

/// <summary>
/// Fitted homo binning: each column's ascending cut points. A value v falls in bin b = #{cuts &lt; v}, so bin 0 holds
/// v ≤ cuts[0] and the last bin holds v &gt; the last cut; a missing value stays missing. Every party holds the same
/// cuts, and a predict pipeline applies them to new rows unchanged.
/// </summary>
public sealed record BinCuts(string[] Columns, double[][] Cuts)
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static BinCuts FromBytes(byte[] bytes, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<BinCuts>(bytes, Json) is { Columns: not null, Cuts: not null } model && model.Columns.Length == model.Cuts.Length
                ? model
                : throw new ArgumentException($"{what} is not a homo_feature_binning model");
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{what} is not a homo_feature_binning model: {ex.Message}", ex);
        }
    }

    public static int BinOf(double[] cuts, double value)
    {
        var (lo, hi) = (0, cuts.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cuts[mid] < value)
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

    /// <summary>The table with every binned column's values replaced by bin indices; other columns, labels and weights pass through.</summary>
    public PartyTable Transform(PartyTable table)
    {
        var names = table.Schema.FeatureNames.ToList();
        if (Columns.FirstOrDefault(c => !names.Contains(c)) is string missing)
        {
            throw new ArgumentException($"homo_feature_binning: column \"{missing}\" was binned when the model was fitted, and the table has no such column");
        }
        var byName = Columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => Cuts[p.i], StringComparer.Ordinal);
        var columns = new double[table.FeatureCount][];
        var features = new Feature[table.FeatureCount];
        for (var j = 0; j < table.FeatureCount; j++)
        {
            var column = table.Column(j).ToArray();
            if (byName.TryGetValue(names[j], out var cuts))
            {
                for (var i = 0; i < column.Length; i++)
                {
                    column[i] = double.IsNaN(column[i]) ? double.NaN : BinOf(cuts, column[i]);
                }
            }
            columns[j] = column;
            features[j] = new Feature(names[j], Feature.InferKind(column));
        }
        var schema = table.Schema.WithFeatures(features);
        return new PartyTable(schema, [.. table.Ids], columns, table.Labels, table.Weights);
    }
}
