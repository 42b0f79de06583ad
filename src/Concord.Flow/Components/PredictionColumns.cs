using System.Globalization;
using Concord.Data;

namespace Concord.Flow.Components;

/// <summary>The names of a model's prediction columns, in batch output and in serving answers alike.</summary>
public static class PredictionColumns
{
    /// <summary>The column of a binary or regression model's prediction; a multi-class model's are Score + "_" + class.</summary>
    public const string Score = "predict_score";

    /// <summary>predict_score, or predict_score_&lt;class&gt; for each class of a one-vs-rest model.</summary>
    public static string[] Of(IReadOnlyList<double> classes) => classes.Count == 0
        ? [Score]
        : [.. classes.Select(c => $"{Score}_{c.ToString(CultureInfo.InvariantCulture)}")];

    /// <summary>
    /// A prediction table: the input's ids and labels (with their label classes, so that labels a label_transform
    /// encoded show as their words again), then the named prediction columns.
    /// </summary>
    public static PartyTable Table(PartyTable input, IReadOnlyList<string> names, double[][] columns)
    {
        var labelName = input.Labels is null ? null : input.Schema.LabelName ?? "label";
        return PartyTable.Create(input.Schema.IdName, [.. input.Ids], names, columns, labelName, input.Labels,
            labelClasses: input.Labels is null ? null : input.Schema.LabelClasses);
    }

    /// <summary>predict_score, or predict_score_&lt;k&gt; for each of several outputs (classes 0 … k−1).</summary>
    public static string[] Of(int outputs) => outputs == 1
        ? [Score]
        : [.. Enumerable.Range(0, outputs).Select(k => $"{Score}_{k.ToString(CultureInfo.InvariantCulture)}")];
}
