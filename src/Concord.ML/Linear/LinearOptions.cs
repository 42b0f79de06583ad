using Concord.ML.JobParameters;

namespace Concord.ML.Linear;

/// <summary>Which generalised linear model: the link and the residual the gradient is built from.</summary>
public enum LinearTask
{
    Logistic,
    Linear,
    Poisson,
}

public enum OptimizerKind
{
    Sgd,
    [WireName("rmsprop")]
    RmsProp,
    Adam,
    Adagrad,
}

public enum PenaltyKind
{
    None,
    L1,
    L2,
}

/// <summary>FATE's init_param methods; random ones draw from the job's seed and the party's feature names.</summary>
public enum InitMethod
{
    Zeros,
    Ones,
    RandomUniform,
    RandomNormal,
    Const,
}

/// <summary>FATE's convergence checks: loss change, weight change (L2 norm over every party's weights), or loss below tol.</summary>
public enum EarlyStopKind
{
    Diff,
    WeightDiff,
    Abs,
}

/// <summary>Everything that decides how a linear model trains; the federated roles and the local baseline read the same record.</summary>
[ParameterGroup("init_param", Description = "how weights start (random methods draw from the job's seed); the guest holds the intercept")]
public sealed record LinearOptions
{
    public LinearTask Task { get; init; } = LinearTask.Logistic;
    [Parameter("max_iter", AtLeast = 1, AtMost = 10_000)]
    public int MaxIter { get; init; } = 30;
    [Parameter("learning_rate", Above = 0, AtMost = 10)]
    public double LearningRate { get; init; } = 0.15;
    /// <summary>The rate at epoch t is LearningRate / (1 + Decay·t), as FATE's decay with decay_sqrt off.</summary>
    [Parameter("decay", AtLeast = 0, Description = "the rate at epoch t is learning_rate / (1 + decay·t)")]
    public double Decay { get; init; }
    /// <summary>Rows per batch; -1 (or anything at least the row count) is full batch.</summary>
    [Parameter("batch_size", AtLeast = 1, Or = -1, Description = "rows per batch, drawn from the job's seed; -1 for the whole table")]
    public int BatchSize { get; init; } = -1;
    [Parameter("penalty")]
    public PenaltyKind Penalty { get; init; } = PenaltyKind.L2;
    [Parameter("alpha", AtLeast = 0, Description = "penalty strength")]
    public double Alpha { get; init; } = 0.01;
    [Parameter("optimizer")]
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.RmsProp;
    [Parameter("tol", AtLeast = 0, Description = "convergence tolerance for early_stop")]
    public double Tol { get; init; } = 1e-4;
    [Parameter("early_stop", Description = "diff and abs stop on the encrypted loss (logistic and linear); weight_diff on the change of the weights")]
    public EarlyStopKind EarlyStop { get; init; } = EarlyStopKind.Diff;
    [Parameter("method", Group = "init_param")]
    public InitMethod Init { get; init; } = InitMethod.Zeros;
    [Parameter("fit_intercept", Group = "init_param")]
    public bool FitIntercept { get; init; } = true;
    /// <summary>The starting weight under <see cref="InitMethod.Const"/>.</summary>
    [Parameter("const", Group = "init_param", Description = "the initial weight when method is const")]
    public double InitConst { get; init; }
    /// <summary>The job's seed: batch order comes from it, so every party draws the same batches.</summary>
    public long Seed { get; init; }

    public void Validate()
    {
        Require(MaxIter >= 1, "max_iter", $"must be at least 1 (got {MaxIter})");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), "learning_rate", $"must be positive (got {LearningRate})");
        Require(Decay >= 0, "decay", $"must not be negative (got {Decay})");
        Require(BatchSize == -1 || BatchSize >= 1, "batch_size", $"must be -1 or at least 1 (got {BatchSize})");
        Require(Alpha >= 0, "alpha", $"must not be negative (got {Alpha})");
        Require(Tol >= 0, "tol", $"must not be negative (got {Tol})");
    }

    private static void Require(bool ok, string field, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"linear model parameter \"{field}\" {message}");
        }
    }
}
