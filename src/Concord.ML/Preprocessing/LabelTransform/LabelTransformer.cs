using System.Globalization;
using Concord.Data;

namespace Concord.ML.Preprocessing.LabelTransform;

/// <summary>
/// Turns a table's labels into the numbers a model trains on, and keeps the texts beside them so that outputs can show
/// the labels as written. A label's text is its word for a column that held words, else the number as written
/// ("1", "0.5"), so an encoder can name either.
/// </summary>
public static class LabelTransformer
{
    /// <summary>The encoder the options give, checked against the table's labels, or one fitted from them.</summary>
    public static LabelTransformModel Fit(PartyTable table, LabelTransformOptions options)
    {
        if (Conflict(options) is { } conflict)
        {
            throw new ArgumentException(conflict);
        }
        var present = table.Labels is null ? [] : PresentTexts(table);
        if (Given(options) is { } given)
        {
            RequireKnown(table, present, given, options.LabelEncoder is null ? "label_list" : "label_encoder");
            return given;
        }
        if (table.Labels is null)
        {
            return new LabelTransformModel([], []);
        }
        var sorted = table.Schema.LabelClasses is null
            ? present.OrderBy(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray()
            : present.Order(StringComparer.Ordinal).ToArray();
        return new LabelTransformModel(sorted, [.. sorted.Select((_, i) => i)]);
    }

    /// <summary>
    /// What is wrong with the options on their own, before any data is seen (checked when the job is submitted): two
    /// labels given one number, a label listed twice, label_list and label_encoder naming different labels.
    /// </summary>
    public static string? Conflict(LabelTransformOptions options)
    {
        if (options.LabelList is { } list)
        {
            if (list.GroupBy(l => l, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                return $"label_list names the label \"{twice.Key}\" twice";
            }
            if (options.LabelEncoder is { } encoder && !list.ToHashSet(StringComparer.Ordinal).SetEquals(encoder.Keys))
            {
                return $"label_list ({Shown(list)}) does not name the same labels as label_encoder ({Shown(encoder.Keys)})";
            }
        }
        return Given(options) is { } model ? Problem(model, options.LabelEncoder is null ? "label_list" : "label_encoder") : null;
    }

    private static LabelTransformModel? Given(LabelTransformOptions options) =>
        options.LabelEncoder is { } encoder ? new LabelTransformModel([.. encoder.Keys], [.. encoder.Values])
        : options.LabelList is { } list ? new LabelTransformModel([.. list], [.. list.Select((_, i) => i)])
        : null;

    /// <summary>The table with each label replaced by its number in the model; a table without labels passes through.</summary>
    public static PartyTable Transform(PartyTable table, LabelTransformModel model)
    {
        if (table.Labels is not { } labels)
        {
            return table;
        }
        if (Problem(model, "the fitted label_encoder") is { } problem)
        {
            throw new ArgumentException(problem);
        }
        var encoder = model.Encoder;
        var values = new double[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            var text = Text(table.Schema.LabelClasses, labels[i]);
            values[i] = encoder.TryGetValue(text, out var value) ? value : throw Unknown(table, text, model, "the fitted label_encoder");
        }
        var classes = new LabelClasses(model.Labels, [.. model.Values.Select(v => (double)v)], encoded: true);
        var columns = Enumerable.Range(0, table.FeatureCount).Select(j => table.Column(j).ToArray()).ToArray();
        return new PartyTable(table.Schema.WithLabelClasses(classes), [.. table.Ids], columns, values, table.Weights);
    }

    /// <summary>A label's text: its class's word, or the number as written.</summary>
    private static string Text(LabelClasses? classes, double label) =>
        classes?.TextOf(label) ?? label.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The distinct label texts of the table, refused beyond <see cref="LabelClasses.MaxClasses"/>.</summary>
    private static string[] PresentTexts(PartyTable table)
    {
        var distinct = new HashSet<double>();
        foreach (var label in table.Labels!)
        {
            if (distinct.Add(label) && distinct.Count > LabelClasses.MaxClasses)
            {
                throw new ArgumentException($"label column \"{table.Schema.LabelName}\" holds more than {LabelClasses.MaxClasses:N0} distinct values; a label names a class");
            }
        }
        return [.. distinct.Select(l => Text(table.Schema.LabelClasses, l))];
    }

    /// <summary>An encoder must give each label its own number, or two classes would become one.</summary>
    private static string? Problem(LabelTransformModel model, string what)
    {
        if (model.Labels.Length > LabelClasses.MaxClasses)
        {
            return $"{what} has {model.Labels.Length} labels, more than the limit of {LabelClasses.MaxClasses:N0}";
        }
        var byValue = new Dictionary<int, string>();
        for (var i = 0; i < model.Labels.Length; i++)
        {
            if (!byValue.TryAdd(model.Values[i], model.Labels[i]))
            {
                return $"{what} maps both \"{byValue[model.Values[i]]}\" and \"{model.Labels[i]}\" to {model.Values[i]}";
            }
        }
        return null;
    }

    private static void RequireKnown(PartyTable table, string[] present, LabelTransformModel model, string what)
    {
        var known = model.Labels.ToHashSet(StringComparer.Ordinal);
        if (present.FirstOrDefault(t => !known.Contains(t)) is { } unknown)
        {
            throw Unknown(table, unknown, model, what);
        }
    }

    private static ArgumentException Unknown(PartyTable table, string text, LabelTransformModel model, string what) =>
        new($"the label \"{text}\" of column \"{table.Schema.LabelName}\" is not in {what} ({Shown(model.Labels)})");

    private static string Shown(IEnumerable<string> labels)
    {
        var list = labels.Take(11).Select(l => $"\"{l}\"").ToList();
        return list.Count > 10 ? string.Join(", ", list.Take(10)) + ", ..." : string.Join(", ", list);
    }
}
