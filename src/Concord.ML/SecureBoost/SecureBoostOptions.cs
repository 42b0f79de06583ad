using Concord.ML.JobParameters;
using Concord.ML.Validation;

namespace Concord.ML.SecureBoost;

/// <summary>What the trees fit: binary log-loss, multi-class softmax (one tree per class per round), or a regression loss.</summary>
public enum BoostObjective
{
    Binary,
    Softmax,
    /// <summary>Squared error.</summary>
    L2,
    /// <summary>Absolute error, with FATE's unit hessian.</summary>
    L1,
    /// <summary>Pseudo-Huber error with <see cref="SecureBoostOptions.HuberDelta"/>.</summary>
    Huber,
}

/// <summary>FATE's privacy modes: which party's features may split which layers.</summary>
public enum PrivacyMode
{
    None,
    /// <summary>The first round's trees use the guest's features only, so hosts learn nothing about the first gradients.</summary>
    CompleteSecure,
    /// <summary><see cref="SecureBoostOptions.GuestDepth"/> guest-only layers, then <see cref="SecureBoostOptions.HostDepth"/> host-only layers.</summary>
    Layered,
}

/// <summary>Everything that decides how SecureBoost trains; the guest, the hosts and the LocalBaseline read the same record.</summary>
public sealed record SecureBoostOptions
{
    public const int MaxTreesLimit = 1000;
    public const int MaxDepthLimit = 16;
    public const int MaxBinLimit = 254;
    public const int MaxClassesLimit = 64;
    public const int MinimumKeyBits = 1024;

    [Parameter("objective", Description = "binary log-loss (labels 0/1), softmax (labels 0 … num_classes − 1, one tree per class per round), or a regression loss")]
    public BoostObjective Objective { get; init; } = BoostObjective.Binary;
    /// <summary>Classes of a softmax model; labels must be 0 … NumClasses − 1.</summary>
    [Parameter("num_classes", AtLeast = 2, AtMost = MaxClassesLimit, Description = "classes of a softmax model (at least 3)")]
    public int NumClasses { get; init; } = 2;
    /// <summary>Boosting rounds; a softmax round grows one tree per class.</summary>
    [Parameter("num_trees", AtLeast = 1, AtMost = MaxTreesLimit, Description = "boosting rounds")]
    public int NumTrees { get; init; } = 30;
    [Parameter("max_depth", AtLeast = 1, AtMost = MaxDepthLimit)]
    public int MaxDepth { get; init; } = 3;
    [Parameter("learning_rate", Above = 0, AtMost = 1)]
    public double LearningRate { get; init; } = 0.3;
    /// <summary>Quantile bins per feature, at each party for its own features.</summary>
    [Parameter("max_bin", AtLeast = 2, AtMost = MaxBinLimit, Description = "quantile bins per feature, cut by each party for its own features")]
    public int MaxBin { get; init; } = 32;
    /// <summary>λ, the L2 penalty on leaf weights.</summary>
    [Parameter("lambda", AtLeast = 0, Description = "L2 penalty on leaf weights")]
    public double Lambda { get; init; } = 1;
    /// <summary>γ, the least gain a split must bring.</summary>
    [Parameter("gamma", AtLeast = 0, Description = "the least gain a split must bring")]
    public double Gamma { get; init; }
    /// <summary>The least hessian sum a child may have.</summary>
    [Parameter("min_child_weight", AtLeast = 0, Description = "the least hessian sum a child may have")]
    public double MinChildWeight { get; init; } = 1;
    /// <summary>Fraction of rows drawn for each round.</summary>
    [Parameter("subsample", Above = 0, AtMost = 1, Description = "fraction of rows drawn each round (from the job's seed)")]
    public double Subsample { get; init; } = 1;
    /// <summary>Fraction of its own features each party draws for each tree.</summary>
    [Parameter("colsample", Above = 0, AtMost = 1, Description = "fraction of its own features each party draws for each tree")]
    public double Colsample { get; init; } = 1;
    [Parameter("huber_delta", Above = 0, Description = "the pseudo-Huber loss's δ")]
    public double HuberDelta { get; init; } = 1;
    [Parameter("privacy_mode", Description = "complete_secure grows the first round's trees from guest features only; layered splits guest_depth layers with guest features, then host_depth with host features")]
    public PrivacyMode Privacy { get; init; } = PrivacyMode.None;
    [Parameter("guest_depth", AtLeast = 1, AtMost = MaxDepthLimit, Description = "layered: guest-only layers at the top")]
    public int GuestDepth { get; init; } = 1;
    [Parameter("host_depth", AtLeast = 1, AtMost = MaxDepthLimit, Description = "layered: host-only layers below them; guest_depth + host_depth must equal max_depth")]
    public int HostDepth { get; init; } = 1;
    [Parameter("key_bits", AtLeast = MinimumKeyBits, AtMost = 4096, Description = "Paillier key size; below 1024 bits is refused")]
    public int KeyBits { get; init; } = 2048;
    /// <summary>Pack several split candidates' sums into one ciphertext, so the guest decrypts fewer.</summary>
    [Parameter("pack_candidates", Description = "hosts pack several split candidates' sums per ciphertext, so the guest decrypts fewer")]
    public bool PackCandidates { get; init; } = true;
    /// <summary>validate_data's use (validation_freqs, early stopping, metrics): job parameters of their own, bound beside these.</summary>
    public ValidationOptions Validation { get; init; } = new();
    /// <summary>What validation scores: binary, multi-class under softmax, else regression.</summary>
    public ValidationTask ValidationTask => Objective switch
    {
        BoostObjective.Binary => ValidationTask.Binary,
        BoostObjective.Softmax => ValidationTask.Multi,
        _ => ValidationTask.Regression,
    };
    /// <summary>The job's seed: row and feature sampling derive from it.</summary>
    public long Seed { get; init; }

    /// <summary>Scores per row: one per class under softmax, else one.</summary>
    public int Outputs => Objective == BoostObjective.Softmax ? NumClasses : 1;

    public void Validate()
    {
        Require(NumTrees is >= 1 and <= MaxTreesLimit, "num_trees", $"must be between 1 and {MaxTreesLimit} (got {NumTrees})");
        Require(MaxDepth is >= 1 and <= MaxDepthLimit, "max_depth", $"must be between 1 and {MaxDepthLimit} (got {MaxDepth})");
        Require(LearningRate > 0 && LearningRate <= 1, "learning_rate", $"must be in (0, 1] (got {LearningRate})");
        Require(MaxBin is >= 2 and <= MaxBinLimit, "max_bin", $"must be between 2 and {MaxBinLimit} (got {MaxBin})");
        Require(Lambda >= 0 && double.IsFinite(Lambda), "lambda", $"must not be negative (got {Lambda})");
        Require(Gamma >= 0 && double.IsFinite(Gamma), "gamma", $"must not be negative (got {Gamma})");
        Require(MinChildWeight >= 0 && double.IsFinite(MinChildWeight), "min_child_weight", $"must not be negative (got {MinChildWeight})");
        Require(Subsample > 0 && Subsample <= 1, "subsample", $"must be in (0, 1] (got {Subsample})");
        Require(Colsample > 0 && Colsample <= 1, "colsample", $"must be in (0, 1] (got {Colsample})");
        Require(HuberDelta > 0 && double.IsFinite(HuberDelta), "huber_delta", $"must be positive (got {HuberDelta})");
        Require(Validation.EarlyStoppingRounds >= 0, "early_stopping_rounds", $"must not be negative (got {Validation.EarlyStoppingRounds})");
        if (Validation.Problem(ValidationTask) is var (parameter, problem))
        {
            Require(false, parameter, problem);
        }
        Require(KeyBits >= MinimumKeyBits, "key_bits", $"is {KeyBits}; Paillier keys below {MinimumKeyBits} bits are not secure and are refused");
        if (Objective == BoostObjective.Softmax)
        {
            Require(NumClasses is >= 3 and <= MaxClassesLimit, "num_classes", $"must be between 3 and {MaxClassesLimit} for softmax (got {NumClasses}); use the binary objective for two classes");
        }
        if (Privacy == PrivacyMode.Layered)
        {
            Require(GuestDepth >= 1, "guest_depth", $"must be at least 1 in layered mode (got {GuestDepth})");
            Require(HostDepth >= 1, "host_depth", $"must be at least 1 in layered mode (got {HostDepth})");
            Require(GuestDepth + HostDepth == MaxDepth, "max_depth",
                $"must equal guest_depth + host_depth in layered mode ({GuestDepth} + {HostDepth} = {GuestDepth + HostDepth}, got {MaxDepth})");
        }
    }

    /// <summary>Which parties may split the nodes of a layer: the guest (party 0), the hosts (1 …), or both.</summary>
    public bool MaySplit(int round, int depth, int party) => Privacy switch
    {
        PrivacyMode.CompleteSecure when round == 0 => party == 0,
        PrivacyMode.Layered => depth < GuestDepth ? party == 0 : party != 0,
        _ => true,
    };

    /// <summary>Whether any host takes part in the given round (under complete secure, hosts sit out the first).</summary>
    public bool HostsTakePart(int round) => !(Privacy == PrivacyMode.CompleteSecure && round == 0);

    private static void Require(bool ok, string field, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"secureboost parameter \"{field}\" {message}");
        }
    }
}
