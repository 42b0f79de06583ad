using System.Text.Json;
using Concord.Data;

namespace Concord.ML.FeatureSelection;

/// <summary>
/// What hetero feature selection decided at one party: its own kept columns in table order, the filter that dropped
/// each other column, and at the guest the anonymous ids each host kept. A predict pipeline keeps the same columns.
/// </summary>
public sealed record SelectionModel(string[] Kept, Dictionary<string, string> DroppedBy, Dictionary<string, string[]>? HostKept)
{
    private static readonly JsonSerializerOptions Json = new();

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static SelectionModel FromBytes(byte[] bytes, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<SelectionModel>(bytes, Json) is { Kept: not null, DroppedBy: not null } model
                ? model
                : throw new ArgumentException($"{what} is not a hetero_feature_selection model");
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{what} is not a hetero_feature_selection model: {ex.Message}", ex);
        }
    }

    /// <summary>The table with only the kept columns; labels and weights pass through.</summary>
    public PartyTable Apply(PartyTable table)
    {
        var names = table.Schema.FeatureNames.ToList();
        var index = Kept.Select(name => names.IndexOf(name) is var j && j >= 0
            ? j
            : throw new ArgumentException($"hetero_feature_selection: column \"{name}\" was kept when the selection was fitted, and the table has no such column")).ToArray();
        var schema = table.Schema.WithFeatures([.. index.Select(j => table.Schema.Features[j])]);
        return new PartyTable(schema, [.. table.Ids], [.. index.Select(j => table.Column(j).ToArray())], table.Labels, table.Weights);
    }
}
