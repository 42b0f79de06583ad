using System.Text.Json;

namespace Concord.ML.Statistics;

/// <summary>The statistics of every column, in the guest's column order.</summary>
public sealed class StatisticsResult(IReadOnlyList<ColumnStatistics> columns)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public IReadOnlyList<ColumnStatistics> Columns { get; } = columns;

    public ColumnStatistics this[string name] =>
        Columns.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"the statistics have no column \"{name}\"");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static StatisticsResult FromJson(string json) =>
        JsonSerializer.Deserialize<StatisticsResult>(json, Json) ?? throw new JsonException("statistics JSON is null");
}
