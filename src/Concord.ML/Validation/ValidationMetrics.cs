using Concord.ML.Evaluation;

namespace Concord.ML.Validation;

/// <summary>
/// The validation loss and metrics of one set of predictions, computed in plaintext by the party that holds the
/// labels (the vertical guest, each horizontal client on its own rows). Sample weights weight every mean, as in
/// evaluation.
/// </summary>
public static class ValidationMetrics
{
    private static readonly string[] Binary = ["loss", "auc", "ks", "accuracy", "precision", "recall", "f1"];
    private static readonly string[] Regression = ["loss", "rmse", "mse", "mae", "r2", "explained_variance"];
    private static readonly string[] Multi = ["loss", "accuracy"];

    /// <summary>Every metric name validation knows, whichever task it fits.</summary>
    public static IReadOnlyList<string> Known { get; } = [.. Binary.Concat(Regression).Concat(Multi).Distinct()];

    /// <summary>The metrics that fit <paramref name="task"/>.</summary>
    public static IReadOnlyList<string> For(ValidationTask task) => task switch
    {
        ValidationTask.Binary => Binary,
        ValidationTask.Multi => Multi,
        _ => Regression,
    };

    /// <summary>What is recorded besides the loss when the job names no metrics.</summary>
    public static IReadOnlyList<string> Defaults(ValidationTask task) => task switch
    {
        ValidationTask.Binary => ["auc", "ks"],
        ValidationTask.Multi => ["accuracy"],
        _ => ["rmse", "mae"],
    };

    public static string Describe(ValidationTask task) => task switch
    {
        ValidationTask.Binary => "binary classification",
        ValidationTask.Multi => "multi-class",
        ValidationTask.Poisson => "Poisson regression",
        _ => "regression",
    };

    /// <summary>Whether a larger value of <paramref name="metric"/> is better (auc) rather than worse (loss, rmse).</summary>
    public static bool HigherIsBetter(string metric) => metric is not ("loss" or "rmse" or "mse" or "mae");

    /// <summary>The recorded metrics of single-score predictions (binary, regression, Poisson).</summary>
    /// <param name="predictions">P(y = 1), the fitted value or the Poisson mean, per row.</param>
    public static IReadOnlyDictionary<string, double> Evaluate(
        ValidationTask task, IReadOnlyList<string> recorded, double[] predictions, double[] labels, double[]? weights)
    {
        var w = EvaluationInput.Check(predictions, labels, weights, "the validation prediction");
        var values = new Dictionary<string, double> { ["loss"] = Mean(predictions.Select((p, i) => Loss(task, p, labels[i])), w) };
        if (task == ValidationTask.Binary)
        {
            var binary = BinaryMetrics.Evaluate(predictions, labels, weights);
            (values["auc"], values["ks"], values["accuracy"]) = (binary.Auc, binary.Ks, binary.Confusion.Accuracy);
            (values["precision"], values["recall"], values["f1"]) = (binary.Confusion.Precision, binary.Confusion.Recall, binary.Confusion.F1);
        }
        else if (recorded.Any(m => m != "loss"))
        {
            var regression = RegressionMetrics.Evaluate(predictions, labels, weights);
            (values["rmse"], values["mse"], values["mae"]) = (regression.Rmse, regression.Rmse * regression.Rmse, regression.Mae);
            (values["r2"], values["explained_variance"]) = (regression.R2, regression.ExplainedVariance);
        }
        return recorded.ToDictionary(m => m, m => values[m]);
    }

    /// <summary>The recorded metrics of multi-class predictions: P(class) per class (in <paramref name="classes"/>' order) and row.</summary>
    public static IReadOnlyDictionary<string, double> EvaluateMulti(
        IReadOnlyList<string> recorded, double[] classes, double[][] scores, double[] labels, double[]? weights)
    {
        var multi = MultiClassMetrics.Evaluate(classes, scores, labels, weights);
        var w = EvaluationInput.Weights(weights, labels.Length);
        var loss = Mean(labels.Select((y, i) => Array.IndexOf(classes, y) is var k and >= 0 ? -Math.Log(Clip(scores[k][i])) : -Math.Log(Clip(0))), w);
        var values = new Dictionary<string, double> { ["loss"] = loss, ["accuracy"] = multi.Accuracy };
        return recorded.ToDictionary(m => m, m => values[m]);
    }

    /// <summary>One row's loss: log loss, half the squared error, or the Poisson negative log-likelihood μ − y·ln μ.</summary>
    public static double Loss(ValidationTask task, double prediction, double label) => task switch
    {
        ValidationTask.Binary => -((label * Math.Log(Clip(prediction))) + ((1 - label) * Math.Log(Clip(1 - prediction)))),
        ValidationTask.Poisson => prediction - (label * Math.Log(Math.Max(prediction, 1e-300))),
        _ => 0.5 * (prediction - label) * (prediction - label),
    };

    // As sklearn's log_loss: a confident wrong prediction costs about 34.5, not infinity.
    private static double Clip(double p) => Math.Clamp(p, 1e-15, 1 - 1e-15);

    private static double Mean(IEnumerable<double> values, double[] weights)
    {
        double sum = 0, total = 0;
        var i = 0;
        foreach (var v in values)
        {
            sum += weights[i] * v;
            total += weights[i++];
        }
        return sum / total;
    }
}
