namespace Concord.ML.Linear;

/// <summary>
/// The binary models a task trains: one for a binary or regression task, one per class (one-vs-rest) for a
/// logistic task with more than two label values.
/// </summary>
public static class LabelClasses
{
    /// <summary>The class values of one-vs-rest, or an empty array when a single model is trained.</summary>
    public static double[] For(LinearTask task, IReadOnlyList<double> labels, string labelName)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (!double.IsFinite(labels[i]))
            {
                throw new ArgumentException($"label \"{labelName}\" is missing or not a number in row {i}");
            }
            if (task == LinearTask.Poisson && (labels[i] < 0 || labels[i] != Math.Floor(labels[i])))
            {
                throw new ArgumentException($"label \"{labelName}\" must be a non-negative count for Poisson regression; row {i} has {labels[i]}");
            }
        }
        if (task != LinearTask.Logistic)
        {
            return [];
        }
        var classes = labels.Distinct().Order().ToArray();
        if (classes.Length > 2)
        {
            return classes;
        }
        var bad = classes.FirstOrDefault(c => c is not (0 or 1), double.NaN);
        return double.IsNaN(bad)
            ? []
            : throw new ArgumentException($"label \"{labelName}\" must be 0 or 1 for binary logistic regression; found {bad}");
    }

    /// <summary>The 0/1 target of model <paramref name="model"/>: the labels themselves, or "is this class" under one-vs-rest.</summary>
    public static double[] Target(IReadOnlyList<double> labels, double[] classes, int model) =>
        classes.Length == 0 ? [.. labels] : [.. labels.Select(y => y == classes[model] ? 1.0 : 0.0)];
}
