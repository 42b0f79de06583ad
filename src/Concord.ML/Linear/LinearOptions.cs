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
    Const,
    RandomUniform,
    RandomNormal,
}

/// <summary>FATE's convergence checks: loss change, weight change (L2 norm over every party's weights), or loss below tol.</summary>
public enum EarlyStopKind
{
    Diff,
    WeightDiff,
    Abs,
}

/// <summary>Everything that decides how a linear model trains; the federated roles and the local baseline read the same record.</summary>
public sealed record LinearOptions
{
    public LinearTask Task { get; init; } = LinearTask.Logistic;
    public int MaxIter { get; init; } = 30;
    public double LearningRate { get; init; } = 0.15;
    /// <summary>The rate at epoch t is LearningRate / (1 + Decay·t), as FATE's decay with decay_sqrt off.</summary>
    public double Decay { get; init; }
    /// <summary>Rows per batch; -1 (or anything at least the row count) is full batch.</summary>
    public int BatchSize { get; init; } = -1;
    public PenaltyKind Penalty { get; init; } = PenaltyKind.L2;
    public double Alpha { get; init; } = 0.01;
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.RmsProp;
    public double Tol { get; init; } = 1e-4;
    public EarlyStopKind EarlyStop { get; init; } = EarlyStopKind.Diff;
    public bool FitIntercept { get; init; } = true;
    public InitMethod Init { get; init; } = InitMethod.Zeros;
    /// <summary>The starting weight under <see cref="InitMethod.Const"/>.</summary>
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
