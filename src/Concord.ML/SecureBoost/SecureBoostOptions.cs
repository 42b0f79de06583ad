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

    public BoostObjective Objective { get; init; } = BoostObjective.Binary;
    /// <summary>Classes of a softmax model; labels must be 0 … NumClasses − 1.</summary>
    public int NumClasses { get; init; } = 2;
    /// <summary>Boosting rounds; a softmax round grows one tree per class.</summary>
    public int NumTrees { get; init; } = 30;
    public int MaxDepth { get; init; } = 3;
    public double LearningRate { get; init; } = 0.3;
    /// <summary>Quantile bins per feature, at each party for its own features.</summary>
    public int MaxBin { get; init; } = 32;
    /// <summary>λ, the L2 penalty on leaf weights.</summary>
    public double Lambda { get; init; } = 1;
    /// <summary>γ, the least gain a split must bring.</summary>
    public double Gamma { get; init; }
    /// <summary>The least hessian sum a child may have.</summary>
    public double MinChildWeight { get; init; } = 1;
    /// <summary>Fraction of rows drawn for each round.</summary>
    public double Subsample { get; init; } = 1;
    /// <summary>Fraction of its own features each party draws for each tree.</summary>
    public double Colsample { get; init; } = 1;
    public double HuberDelta { get; init; } = 1;
    /// <summary>Stop when the validation loss has not improved for this many rounds (0: never), keeping the best round's trees.</summary>
    public int EarlyStoppingRounds { get; init; }
    public PrivacyMode Privacy { get; init; } = PrivacyMode.None;
    public int GuestDepth { get; init; } = 1;
    public int HostDepth { get; init; } = 1;
    public int KeyBits { get; init; } = 2048;
    /// <summary>Pack several split candidates' sums into one ciphertext, so the guest decrypts fewer.</summary>
    public bool PackCandidates { get; init; } = true;
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
        Require(EarlyStoppingRounds >= 0, "early_stopping_rounds", $"must not be negative (got {EarlyStoppingRounds})");
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
