namespace Concord.ML.Horizontal;

public enum HorizontalTask
{
    Binary,
    MultiClass,
    Regression,
}

/// <summary>
/// What every client's model must agree on before the first round: the task, the feature names in order, and for
/// classification the classes of the union of every client's labels (a client may lack some of them).
/// </summary>
public sealed record ModelShape(HorizontalTask Task, string[] FeatureNames, double[] Classes)
{
    /// <summary>The width of <see cref="ILocalModel.Predict"/>'s output: one probability for binary, one per class, one value for regression.</summary>
    public int Outputs => Task == HorizontalTask.MultiClass ? Classes.Length : 1;

    /// <summary>The index of a label among <see cref="Classes"/>, or −1.</summary>
    public int ClassIndex(double label) => Array.IndexOf(Classes, label);

    /// <summary>The shape a classification job has once the union of the clients' label values is known.</summary>
    public static ModelShape ForClassification(string[] featureNames, IEnumerable<double> labelValues, string labelName)
    {
        var classes = labelValues.Distinct().Order().ToArray();
        if (classes.Length < 2)
        {
            throw new ArgumentException($"label \"{labelName}\" takes {classes.Length} value(s) across all clients; classification needs at least two");
        }
        if (classes.Length == 2)
        {
            var bad = classes.FirstOrDefault(c => c is not (0 or 1), double.NaN);
            if (!double.IsNaN(bad))
            {
                throw new ArgumentException($"label \"{labelName}\" must be 0 or 1 for binary classification; found {bad}");
            }
            return new ModelShape(HorizontalTask.Binary, featureNames, classes);
        }
        return new ModelShape(HorizontalTask.MultiClass, featureNames, classes);
    }
}
