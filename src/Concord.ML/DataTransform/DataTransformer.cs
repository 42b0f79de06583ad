using System.Text.Json;
using Concord.Data;

namespace Concord.ML.DataTransform;

/// <summary>The fill value chosen for each feature, so that a model can apply the same fill at prediction time.</summary>
public sealed record FillReport(IReadOnlyDictionary<string, double> FillValues, IReadOnlyDictionary<string, int> FilledCounts);

/// <summary>
/// What DataTransform fitted on a party's training rows: the features it keeps, in order, the value each fills a
/// missing cell with, and whether it rounds. A predict pipeline applies it unchanged to new rows, so a new row is
/// filled with the training mean, not with the mean of the rows being scored.
/// </summary>
public sealed record DataTransformModel(string[] Features, Dictionary<string, double> FillValues, ValueType DataType)
{
    private static readonly JsonSerializerOptions Json = new();

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static DataTransformModel FromBytes(byte[] bytes, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<DataTransformModel>(bytes, Json) is { Features: not null, FillValues: not null } model
                ? model
                : throw new ArgumentException($"{what} is not a data_transform model");
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{what} is not a data_transform model: {ex.Message}", ex);
        }
    }
}

/// <summary>
/// Local preprocessing: feature selection and missing-value fill. It runs at each party on that party's rows
/// only, so fill statistics (a mean, a min) describe the party's own data, as in FATE.
/// </summary>
public static class DataTransformer
{
    /// <summary>Fits the transform on the table and applies it.</summary>
    public static (PartyTable Table, FillReport Report, DataTransformModel Model) Apply(PartyTable table, DataTransformOptions options)
    {
        var model = Fit(table, options);
        var (transformed, report) = Transform(table, model);
        return (transformed, report, model);
    }

    /// <summary>Checks the label as the options ask, selects the features, and computes each one's fill value from the table.</summary>
    public static DataTransformModel Fit(PartyTable table, DataTransformOptions options)
    {
        if (options.LabelName is string label && table.Schema.LabelName != label)
        {
            throw new ArgumentException(table.Schema.LabelName is null
                ? $"label \"{label}\" was asked for, but the table has no label column"
                : $"label \"{label}\" was asked for, but the table's label column is \"{table.Schema.LabelName}\"");
        }
        if (options.LabelType == ValueType.Integer && table.Labels is double[] labels)
        {
            var row = Array.FindIndex(labels, l => l != Math.Round(l));
            if (row >= 0)
            {
                throw new ArgumentException($"label_type int: the label of row {Data.SensitiveIds.Mark(table.Ids[row])} is {labels[row]}, not a whole number");
            }
        }
        var selected = Select(table, options);
        var fills = new Dictionary<string, double>();
        if (options.MissingFill != MissingFill.None)
        {
            foreach (var j in selected)
            {
                var name = table.Schema.Features[j].Name;
                fills[name] = FillValueOf(table.Column(j).ToArray(), options, name);
            }
        }
        return new DataTransformModel([.. selected.Select(j => table.Schema.Features[j].Name)], fills, options.DataType);
    }

    /// <summary>
    /// Keeps the model's features in its order (a missing one is refused by name; others are dropped), fills missing
    /// cells with the model's values and rounds as it says. Labels and weights pass through when the table has them.
    /// </summary>
    public static (PartyTable Table, FillReport Report) Transform(PartyTable table, DataTransformModel model)
    {
        var names = table.Schema.Features.Select(f => f.Name).ToList();
        var columns = new double[model.Features.Length][];
        var features = new Feature[model.Features.Length];
        var filled = new Dictionary<string, int>();
        for (var k = 0; k < model.Features.Length; k++)
        {
            var name = model.Features[k];
            var j = names.IndexOf(name);
            if (j < 0)
            {
                throw new ArgumentException($"feature \"{name}\" was kept when the transform was fitted, and the table has no such column");
            }
            var column = table.Column(j).ToArray();
            if (model.FillValues.TryGetValue(name, out var fill))
            {
                var count = 0;
                for (var i = 0; i < column.Length; i++)
                {
                    if (double.IsNaN(column[i]))
                    {
                        column[i] = fill;
                        count++;
                    }
                }
                filled[name] = count;
            }
            if (model.DataType == ValueType.Integer)
            {
                for (var i = 0; i < column.Length; i++)
                {
                    column[i] = Math.Round(column[i], MidpointRounding.AwayFromZero);
                }
            }
            columns[k] = column;
            features[k] = new Feature(name, Feature.InferKind(column));
        }
        var schema = table.Schema.WithFeatures(features);
        return (new PartyTable(schema, [.. table.Ids], columns, table.Labels, table.Weights), new FillReport(model.FillValues, filled));
    }

    private static List<int> Select(PartyTable table, DataTransformOptions options)
    {
        var names = table.Schema.Features.Select(f => f.Name).ToList();
        foreach (var unknown in (options.Features ?? []).Concat(options.Exclude).Where(n => !names.Contains(n)))
        {
            throw new ArgumentException($"feature \"{unknown}\" is not in the table (it has {string.Join(", ", names.Take(10))}{(names.Count > 10 ? ", ..." : "")})");
        }
        var wanted = options.Features ?? names;
        var kept = wanted.Where(n => !options.Exclude.Contains(n)).Select(n => names.IndexOf(n)).ToList();
        return kept.Count > 0 ? kept : throw new ArgumentException("no feature is left after selection");
    }

    private static double FillValueOf(double[] column, DataTransformOptions options, string name)
    {
        if (options.MissingFill == MissingFill.Value)
        {
            return double.IsFinite(options.FillValue) ? options.FillValue : throw new ArgumentException($"fill value {options.FillValue} is not a finite number");
        }
        var present = column.Where(v => !double.IsNaN(v)).ToArray();
        if (present.Length == 0)
        {
            throw new ArgumentException($"feature \"{name}\" has no value at all, so its {options.MissingFill.ToString().ToLowerInvariant()} cannot fill it; exclude it or fill with a designated value");
        }
        return options.MissingFill switch
        {
            MissingFill.Mean => present.Average(),
            MissingFill.Min => present.Min(),
            MissingFill.Max => present.Max(),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.MissingFill, null),
        };
    }
}
