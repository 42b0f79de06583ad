using Concord.Data;

namespace Concord.Cli.Commands.Data;

/// <summary>
/// What <c>concord data list|show --json</c> print (docs/cli-json.md). A statistic of a column with no values, and a
/// missing cell, are null: JSON has no NaN.
/// </summary>
internal static class DataJson
{
    public sealed record Listing(IReadOnlyList<PartyTables> Parties);

    public sealed record PartyTables(string Party, string Home, IReadOnlyList<Table> Tables);

    public sealed record Table(string Namespace, string Name, int Rows, int Features, string? Label, string? Weight, DateTimeOffset UploadedAt, string? Source);

    public sealed record Shown(
        string Party, string Namespace, string Name, int Rows, int Partitions, int RowsPerPartition, string Id, Column? Label, Column? Weight,
        string? Source, DateTimeOffset UploadedAt, string Folder, IReadOnlyList<Feature> Features, FirstRows FirstRows);

    public sealed record Column(string Name, int Missing, double? Min, double? Mean, double? Max, IReadOnlyList<ValueCount>? Counts);

    public sealed record ValueCount(double Value, int Count);

    public sealed record Feature(string Name, string Kind, int Missing, double? Min, double? Mean, double? Std, double? Max);

    /// <param name="Columns">The id, the label and weight when the table has them, then the features: the upload's order.</param>
    /// <param name="Rows">Each row's cells in that order: the id a string, every other cell a number or null when missing.</param>
    public sealed record FirstRows(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

    public static Table Of(TableInfo t) => new(
        t.Name.Namespace, t.Name.Name, t.RowCount, t.FeatureCount, t.Schema.LabelName, t.Schema.WeightName, t.UploadedAt, t.SourceFile);

    public static Shown Of(string partyId, TableInfo info, PartyTable data, int firstRows)
    {
        var features = data.Schema.Features.Select((feature, j) =>
        {
            var stats = ColumnStats.Of(data.Column(j));
            return new Feature(feature.Name, feature.Kind.ToString().ToLowerInvariant(), stats.Missing, Number(stats.Min), Number(stats.Mean), Number(stats.StdDev), Number(stats.Max));
        });
        return new Shown(
            partyId, info.Name.Namespace, info.Name.Name, info.RowCount, info.Partitions.Count, info.RowsPerPartition, info.Schema.IdName,
            ColumnOf(info.Schema.LabelName, data.Labels), ColumnOf(info.Schema.WeightName, data.Weights),
            info.SourceFile, info.UploadedAt, info.Folder, [.. features], Rows(data, firstRows));
    }

    private static Column? ColumnOf(string? name, double[]? values)
    {
        if (name is null || values is null)
        {
            return null;
        }
        var stats = ColumnStats.Of(values);
        return new Column(name, stats.Missing, Number(stats.Min), Number(stats.Mean), Number(stats.Max),
            stats.Distinct?.Select(kv => new ValueCount(kv.Key, kv.Value)).ToList());
    }

    private static FirstRows Rows(PartyTable data, int count)
    {
        var schema = data.Schema;
        var columns = new[] { schema.IdName, schema.LabelName, schema.WeightName }.OfType<string>().Concat(schema.FeatureNames).ToList();
        var rows = new List<IReadOnlyList<object?>>();
        var features = new double[data.FeatureCount];
        for (var i = 0; i < Math.Min(count, data.RowCount); i++)
        {
            data.CopyRow(i, features);
            var cells = new[] { data.Labels?[i], data.Weights?[i] }.OfType<double>().Concat(features).Select(v => (object?)Number(v));
            rows.Add([.. cells.Prepend(data.Ids[i])]);
        }
        return new FirstRows(columns, rows);
    }

    private static double? Number(double value) => double.IsNaN(value) ? null : value;
}
