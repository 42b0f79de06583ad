using System.Globalization;
using System.Text.Json;
using Concord.Data;

namespace Concord.ML.Preprocessing.OneHot;

/// <summary>One encoded column and the categories seen in training, ascending.</summary>
public sealed record EncodedColumn(string Name, double[] Categories);

/// <summary>What one_hot_encoder fitted at one party: each encoded column's training categories.</summary>
public sealed record OneHotModel(EncodedColumn[] Columns, UnknownCategory HandleUnknown)
{
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    public static OneHotModel FromBytes(byte[] bytes, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<OneHotModel>(bytes) is { Columns: not null } model ? model : throw new ArgumentException($"{what} is not a one_hot_encoder model");
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{what} is not a one_hot_encoder model: {ex.Message}", ex);
        }
    }
}

/// <summary>
/// One-hot encoding of a party's own category columns (values are numbers, as every column of a table). A column is
/// replaced, in place, by one 0/1 column per training category, named column_value. A missing value encodes as all
/// zeros; so does a category unseen in training under handle_unknown ignore, while error refuses it by column and value.
/// </summary>
public static class OneHotEncoder
{
    public const int DefaultMaxCategories = 100;

    public static OneHotModel Fit(PartyTable table, OneHotOptions options)
    {
        var names = options.Columns ?? [.. table.Schema.FeatureNames];
        return new OneHotModel([.. names.Select(name =>
        {
            var j = table.Schema.IndexOf(name);
            var categories = j >= 0
                ? table.Column(j).ToArray().Where(v => !double.IsNaN(v)).Distinct().Order().ToArray()
                : throw new ArgumentException($"encode_col: column \"{name}\" is not in the table");
            return categories.Length <= options.MaxCategories
                ? new EncodedColumn(name, categories)
                : throw new ArgumentException($"column \"{name}\" has more than max_categories {options.MaxCategories} distinct values; it does not look categorical");
        })], options.HandleUnknown);
    }

    public static PartyTable Transform(PartyTable table, OneHotModel model)
    {
        var encoded = model.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var name in encoded.Keys.Where(n => table.Schema.IndexOf(n) < 0))
        {
            throw new ArgumentException($"column \"{name}\" was encoded when one_hot_encoder was fitted, and the table has no such column");
        }
        var features = new List<Feature>();
        var columns = new List<double[]>();
        for (var j = 0; j < table.FeatureCount; j++)
        {
            var source = table.Column(j);
            if (!encoded.TryGetValue(table.Schema.Features[j].Name, out var column))
            {
                features.Add(table.Schema.Features[j]);
                columns.Add(source.ToArray());
                continue;
            }
            if (model.HandleUnknown == UnknownCategory.Error)
            {
                for (var i = 0; i < source.Length; i++)
                {
                    if (!double.IsNaN(source[i]) && Array.BinarySearch(column.Categories, source[i]) < 0)
                    {
                        throw new ArgumentException($"column \"{column.Name}\" has the value {source[i].ToString(CultureInfo.InvariantCulture)}, a category not seen in training (handle_unknown is error; ignore encodes it as all zeros)");
                    }
                }
            }
            foreach (var category in column.Categories)
            {
                var indicator = new double[source.Length];
                for (var i = 0; i < source.Length; i++)
                {
                    indicator[i] = source[i] == category ? 1 : 0;
                }
                features.Add(new Feature($"{column.Name}_{category.ToString(CultureInfo.InvariantCulture)}", FeatureKind.Binary));
                columns.Add(indicator);
            }
        }
        var schema = table.Schema.WithFeatures(features);
        return new PartyTable(schema, [.. table.Ids], [.. columns], table.Labels, table.Weights);
    }
}
