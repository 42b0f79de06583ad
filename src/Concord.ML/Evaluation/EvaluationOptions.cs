using Concord.ML.JobParameters;

namespace Concord.ML.Evaluation;

/// <summary>Which metrics a prediction is scored by.</summary>
public enum EvalType
{
    /// <summary>Binary classification: AUC, KS, the confusion at a threshold, lift and gain.</summary>
    Binary,

    /// <summary>Multi-class: accuracy, macro and micro precision, recall and F1, the confusion matrix.</summary>
    Multi,

    /// <summary>Regression: RMSE, MAE, R² and explained variance.</summary>
    Regression,
}

/// <summary>How predictions are scored against the labels.</summary>
public sealed record EvaluationOptions
{
    [Parameter("eval_type", Description = "binary reads predict_score = P(y=1); multi reads predict_score_<class>; regression reads predict_score")]
    public EvalType EvalType { get; init; } = EvalType.Binary;

    [Parameter("threshold", AtLeast = 0, AtMost = 1, Description = "binary: a row scoring at least this is called positive")]
    public double Threshold { get; init; } = BinaryMetrics.DefaultThreshold;

    [Parameter("pos_label", AtLeast = 0, AtMost = 1, Description = "binary: the class whose precision, recall and F1 are reported")]
    public int PosLabel { get; init; } = 1;

    /// <summary>The scalar metrics to keep; all of the evaluation's when null.</summary>
    [Parameter("metrics", Description = "the scalar metrics to report, e.g. [auc, ks]; all of eval_type's when unset. Curves and the confusion matrix are always kept")]
    public IReadOnlyList<string>? Metrics { get; init; }
}
