using System.CommandLine;
using System.Globalization;
using Concord.Data;

namespace Concord.Cli.Commands.Data;

internal static class DataShowCommand
{
    public static Command Build()
    {
        var command = new Command("show", "Show a stored table: schema, size, label and feature statistics, first rows.");
        var table = new TableNameArguments();
        var rows = new Option<int>("--rows") { Description = "How many rows to print", DefaultValueFactory = _ => 5 };
        var party = new PartyOptions();
        table.AddTo(command);
        command.Options.Add(rows);
        party.AddTo(command);
        var json = JsonFlag.AddTo(command, "{\"party\", \"namespace\", \"name\", \"rows\", ..., \"features\": [...], \"firstRows\"}");
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            var (partyId, store) = party.OpenStore(parse, create: false);
            var name = table.Get(parse);
            var info = store.Info(name);
            var data = store.Load(name, ct);
            if (parse.GetValue(json))
            {
                JsonLine.Write(DataJson.Of(partyId, info, data, Math.Max(0, parse.GetValue(rows))));
            }
            else
            {
                PrintInfo(info, data, partyId);
                PrintFeatures(data);
                PrintFirstRows(data, Math.Max(0, parse.GetValue(rows)));
            }
            await party.AuditAsync(parse, partyId, ct);
            return 0;
        });
        return command;
    }

    private static void PrintInfo(TableInfo info, PartyTable data, string partyId)
    {
        Console.WriteLine($"{info.Name} (party {partyId})");
        TextTable.Write(Console.Out, null,
        [
            ["rows", string.Create(CultureInfo.InvariantCulture,
                $"{info.RowCount:N0} in {info.Partitions.Count} partition(s) of up to {info.RowsPerPartition:N0}")],
            ["id", info.Schema.IdName],
            ["label", info.Schema.LabelName is { } l ? $"{l}: {Describe(ColumnStats.Of(data.Labels))}" : "none"],
            ["weight", info.Schema.WeightName is { } w ? $"{w}: {Describe(ColumnStats.Of(data.Weights))}" : "none"],
            ["source", info.SourceFile ?? "-"],
            ["uploaded", info.UploadedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)],
            ["folder", info.Folder],
        ], indent: "  ");
    }

    private static void PrintFeatures(PartyTable data)
    {
        Console.WriteLine();
        Console.WriteLine($"{data.FeatureCount} feature(s):");
        TextTable.Write(Console.Out, ["name", "kind", "missing", "min", "mean", "std", "max"],
            data.Schema.Features.Select((feature, j) =>
            {
                var stats = ColumnStats.Of(data.Column(j));
                return (IReadOnlyList<string>)
                [
                    feature.Name, feature.Kind.ToString().ToLowerInvariant(), stats.Missing.ToString(CultureInfo.InvariantCulture),
                    Number(stats.Min), Number(stats.Mean), Number(stats.StdDev), Number(stats.Max),
                ];
            }),
            indent: "  ");
    }

    /// <summary>The first rows as CSV in the upload's column order, so they can be compared with the source file.</summary>
    private static void PrintFirstRows(PartyTable data, int count)
    {
        if (count == 0)
        {
            return;
        }
        Console.WriteLine();
        Console.WriteLine($"first {Math.Min(count, data.RowCount)} row(s):");
        var schema = data.Schema;
        Console.WriteLine(string.Join(",", new[] { schema.IdName, schema.LabelName, schema.WeightName }.OfType<string>().Concat(schema.FeatureNames)));
        var features = new double[data.FeatureCount];
        for (var i = 0; i < Math.Min(count, data.RowCount); i++)
        {
            data.CopyRow(i, features);
            var cells = new[] { data.Labels?[i], data.Weights?[i] }.OfType<double>().Concat(features).Select(Cell);
            Console.WriteLine(string.Join(",", cells.Prepend(data.Ids[i])));
        }
    }

    /// <summary>A label or weight column in one line: the class counts when there are few values, else the range.</summary>
    private static string Describe(ColumnStats stats)
    {
        if (stats.Distinct is { } distinct)
        {
            return string.Join(", ", distinct.Select(kv => string.Create(CultureInfo.InvariantCulture,
                $"{Cell(kv.Key)} × {kv.Value:N0} ({100.0 * kv.Value / stats.Count:0.0}%)")));
        }
        return $"min {Number(stats.Min)}, mean {Number(stats.Mean)}, max {Number(stats.Max)}";
    }

    private static string Number(double value) => double.IsNaN(value) ? "-" : value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Cell(double value) => double.IsNaN(value) ? "NA" : value.ToString(CultureInfo.InvariantCulture);
}
