using Concord.Data;

namespace Concord.ML.DataTransform;

/// <summary>The fill value chosen for each feature, so that a model can apply the same fill at prediction time.</summary>
public sealed record FillReport(IReadOnlyDictionary<string, double> FillValues, IReadOnlyDictionary<string, int> FilledCounts);

/// <summary>
/// Local preprocessing: feature selection and missing-value fill. It runs at each party on that party's rows
/// only, so fill statistics (a mean, a min) describe the party's own data, as in FATE.
/// </summary>
public static class DataTransformer
{
    public static (PartyTable Table, FillReport Report) Apply(PartyTable table, DataTransformOptions options)
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
        var columns = new double[selected.Count][];
        var features = new Feature[selected.Count];
        var fills = new Dictionary<string, double>();
        var filled = new Dictionary<string, int>();
        for (var k = 0; k < selected.Count; k++)
        {
            var j = selected[k];
            var name = table.Schema.Features[j].Name;
            var column = table.Column(j).ToArray();
            if (options.MissingFill != MissingFill.None)
            {
                var fill = FillValueOf(column, options, name);
                var count = 0;
                for (var i = 0; i < column.Length; i++)
                {
                    if (double.IsNaN(column[i]))
                    {
                        column[i] = fill;
                        count++;
                    }
                }
                fills[name] = fill;
                filled[name] = count;
            }
            if (options.DataType == ValueType.Integer)
            {
                for (var i = 0; i < column.Length; i++)
                {
                    column[i] = Math.Round(column[i], MidpointRounding.AwayFromZero);
                }
            }
            columns[k] = column;
            features[k] = new Feature(name, Feature.InferKind(column));
        }
        var schema = new TableSchema(table.Schema.IdName, features, table.Schema.LabelName, table.Schema.WeightName);
        return (new PartyTable(schema, [.. table.Ids], columns, table.Labels, table.Weights), new FillReport(fills, filled));
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
