using System.Text.Json;

namespace Concord.ML.Correlation;

/// <summary>
/// What one party learned: the correlations among its own columns, its cross blocks with the parties it is entitled
/// to (their columns named anonymously, e.g. "host_10000_3"), and its own VIFs. Also the component's model output,
/// so that a feature selection can filter on it.
/// </summary>
/// <param name="Features">This party's columns, the rows of every block.</param>
/// <param name="Local">Correlations among this party's own columns, [feature][feature].</param>
/// <param name="Vif">Per own column, or null when <paramref name="VifUndefined"/> says why (or VIF was not asked for).</param>
public sealed record CorrelationModel(
    CorrelationMethod Method,
    string[] Features,
    double[][] Local,
    CrossBlock[] Cross,
    double[]? Vif,
    string? VifUndefined)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>An anonymous column name that says whose column it is and where, not what it is.</summary>
    public static string Anonymous(string role, int party, int column) => $"{role}_{party}_{column}";

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static CorrelationModel FromBytes(byte[] bytes, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<CorrelationModel>(bytes, Json) is { Features: not null, Local: not null, Cross: not null } model
                ? model
                : throw new ArgumentException($"{what} is not a feature_correlation model");
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{what} is not a feature_correlation model: {ex.Message}", ex);
        }
    }

    /// <summary>Builds the model from the blocks a role computed, adding the VIFs when asked.</summary>
    internal static CorrelationModel Of(CorrelationOptions options, StandardisedColumns own, CrossBlock[] cross)
    {
        var local = StandardisedColumns.Cross(own.Z, own.Z);
        var (vif, undefined) = options.Vif ? VarianceInflation.Of(own.Names, local) : (null, null);
        return new CorrelationModel(options.Method, [.. own.Names], local, cross, vif, undefined);
    }
}

/// <summary>This party's columns (rows) against another party's anonymous columns.</summary>
/// <param name="Correlations">[own feature][other party's column].</param>
public sealed record CrossBlock(int Party, string[] Columns, double[][] Correlations);
