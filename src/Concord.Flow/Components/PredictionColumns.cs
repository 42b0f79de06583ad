using System.Globalization;

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

    /// <summary>predict_score, or predict_score_&lt;k&gt; for each of several outputs (classes 0 … k−1).</summary>
    public static string[] Of(int outputs) => outputs == 1
        ? [Score]
        : [.. Enumerable.Range(0, outputs).Select(k => $"{Score}_{k.ToString(CultureInfo.InvariantCulture)}")];
}
