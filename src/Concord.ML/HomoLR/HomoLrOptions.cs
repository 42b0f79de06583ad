using Concord.ML.JobParameters;
using Concord.ML.Linear;

namespace Concord.ML.HomoLR;

/// <summary>How each client's logistic regression trains locally; every client and the LocalBaseline read the same record.</summary>
public sealed record HomoLrOptions
{
    [Parameter("learning_rate", Above = 0, AtMost = 10)]
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Rows per batch; -1 (or anything at least the row count) is full batch.</summary>
    [Parameter("batch_size", AtLeast = 1, Or = -1, Description = "rows per local batch; -1 for the whole table")]
    public int BatchSize { get; init; } = 64;

    /// <summary>SGD or Adam (RMSProp and Adagrad work too, through the shared linear optimizer).</summary>
    [Parameter("optimizer")]
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    [Parameter("penalty")]
    public PenaltyKind Penalty { get; init; } = PenaltyKind.L2;

    [Parameter("alpha", AtLeast = 0, Description = "penalty strength; the intercept is never penalised")]
    public double Alpha { get; init; } = 0.01;

    [Parameter("fit_intercept")]
    public bool FitIntercept { get; init; } = true;

    public void Validate()
    {
        Require(LearningRate > 0 && double.IsFinite(LearningRate), "learning_rate", $"must be positive (got {LearningRate})");
        Require(BatchSize == -1 || BatchSize >= 1, "batch_size", $"must be -1 or at least 1 (got {BatchSize})");
        Require(Alpha >= 0, "alpha", $"must not be negative (got {Alpha})");
    }

    /// <summary>The shared optimizer's view of these options: its penalty handling skips the intercept, which it expects last.</summary>
    internal LinearOptions ForOptimizer() => new()
    {
        LearningRate = LearningRate,
        Optimizer = Optimizer,
        Penalty = Penalty,
        Alpha = Alpha,
        FitIntercept = FitIntercept,
    };

    private static void Require(bool ok, string field, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"homo_lr parameter \"{field}\" {message}");
        }
    }
}
