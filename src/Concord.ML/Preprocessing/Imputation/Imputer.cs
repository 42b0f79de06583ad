using System.Text.Json;
using Concord.Data;
using Concord.ML.JobParameters;

namespace Concord.ML.Preprocessing.Imputation;

/// <summary>What feature_imputation fitted at one party: each imputed column's fill value, applied unchanged to new rows.</summary>
public sealed record ImputationModel(Dictionary<string, double> FillValues)
{
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    public static ImputationModel FromBytes(byte[] bytes, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<ImputationModel>(bytes) is { FillValues: not null } model ? model : throw new ArgumentException($"{what} is not a feature_imputation model");
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{what} is not a feature_imputation model: {ex.Message}", ex);
        }
    }
}

/// <summary>Missing-value imputation of a party's own columns, each by its own method, with values from the training rows.</summary>
public static class Imputer
{
    public static ImputationModel Fit(PartyTable table, ImputationOptions options)
    {
        var methods = MethodsByColumn(table, options);
        var fills = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, method) in methods)
        {
            var present = table.Column(table.Schema.IndexOf(name)).ToArray().Where(v => !double.IsNaN(v)).ToArray();
            if (present.Length == 0 && method != ImputeMethod.Constant)
            {
                throw new ArgumentException($"column \"{name}\" has no value at all, so its {WireNames.Of(method)} cannot fill it; use designated");
            }
            fills[name] = method switch
            {
                ImputeMethod.Mean => present.Average(),
                ImputeMethod.Median => Median(present),
                ImputeMethod.Mode => present.GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key,
                _ => double.IsFinite(options.DefaultValue) ? options.DefaultValue : throw new ArgumentException($"designated_fill_value {options.DefaultValue} is not a finite number"),
            };
        }
        return new ImputationModel(fills);
    }

    /// <summary>Fills the model's columns; a column it names that the table lacks is refused by name.</summary>
    public static (PartyTable Table, Dictionary<string, int> Filled) Transform(PartyTable table, ImputationModel model)
    {
        var columns = Enumerable.Range(0, table.FeatureCount).Select(j => table.Column(j).ToArray()).ToArray();
        var features = table.Schema.Features.ToArray();
        var filled = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, fill) in model.FillValues)
        {
            var j = table.Schema.IndexOf(name);
            if (j < 0)
            {
                throw new ArgumentException($"column \"{name}\" was imputed when feature_imputation was fitted, and the table has no such column");
            }
            var count = 0;
            for (var i = 0; i < columns[j].Length; i++)
            {
                if (double.IsNaN(columns[j][i]))
                {
                    columns[j][i] = fill;
                    count++;
                }
            }
            filled[name] = count;
            features[j] = new Feature(name, Feature.InferKind(columns[j]));
        }
        var schema = table.Schema.WithFeatures(features);
        return (new PartyTable(schema, [.. table.Ids], columns, table.Labels, table.Weights), filled);
    }

    private static Dictionary<string, ImputeMethod> MethodsByColumn(PartyTable table, ImputationOptions options)
    {
        string Known(string name, string parameter) => table.Schema.IndexOf(name) >= 0 ? name : throw new ArgumentException($"{parameter}: column \"{name}\" is not in the table");
        var methods = (options.Columns ?? [.. table.Schema.FeatureNames]).ToDictionary(n => Known(n, "imputation_col"), _ => options.Method, StringComparer.Ordinal);
        foreach (var entry in options.ColumnMethods ?? [])
        {
            var colon = entry.LastIndexOf(':');
            var word = colon < 0 ? "" : entry[(colon + 1)..].Trim();
            var method = WireNames.Of(typeof(ImputeMethod)).FirstOrDefault(w => w.Wire == word).Value as ImputeMethod?
                ?? throw new ArgumentException($"col_missing_fill_method: \"{entry}\" is not column:method with method one of {string.Join(", ", WireNames.Of(typeof(ImputeMethod)).Select(w => w.Wire))}");
            methods[Known(entry[..colon].Trim(), "col_missing_fill_method")] = method;
        }
        return methods;
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
