using System.Text.Json;
using System.Text.Json.Serialization;

namespace Concord.ML.FeatureBinning;

/// <summary>
/// What hetero_feature_binning fitted at one party: for each of its own binned columns the cut points and, where
/// known, the WOE of every bin, plus the transform to apply and the IV summary a feature selection reads. Given as
/// input_model, a predict pipeline replays the transform on new rows with the training cut points and WOEs.
/// </summary>
public sealed record BinningModel(IReadOnlyList<ColumnBins> Columns, TransformMethod Transform, IReadOnlyList<string> TransformColumns, BinningSummary Summary)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static BinningModel FromBytes(byte[] bytes, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<BinningModel>(bytes, Json) is { Columns: not null, Summary.Columns: not null, TransformColumns: not null } model
                ? model
                : throw new ArgumentException($"{what} is not a hetero_feature_binning model");
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{what} is not a hetero_feature_binning model: {ex.Message}", ex);
        }
    }
}

/// <summary>
/// One column's bins at its own party. Value bin i (0-based) holds x with Cuts[i − 1] &lt; x ≤ Cuts[i] (the first bin
/// is unbounded below, the last unbounded above), so there are Cuts.Length + 1 value bins; a missing value goes to
/// the missing bin, index Cuts.Length + 1. <see cref="Woe"/> has one entry per value bin and one for the missing bin.
/// </summary>
/// <param name="AnonymousId">At a host, the id the guest knows this column by; null at the guest.</param>
/// <param name="Woe">The WOE of each bin (binary labels only); null when the label is multi-class.</param>
public sealed record ColumnBins(string Column, string? AnonymousId, double[] Cuts, double[]? Woe)
{
    public int ValueBins => Cuts.Length + 1;

    public int MissingBin => Cuts.Length + 1;

    /// <summary>The bin of a value: the first cut at or above it, by binary search; NaN goes to the missing bin.</summary>
    public int BinOf(double x)
    {
        if (double.IsNaN(x))
        {
            return MissingBin;
        }
        int lo = 0, hi = Cuts.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (x <= Cuts[mid])
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
