using Concord.ML.Horizontal.Strategies;
using Concord.ML.JobParameters;
using Concord.ML.Validation;

namespace Concord.ML.Horizontal;

/// <summary>How updates travel from clients to the arbiter.</summary>
public enum AggregationKind
{
    /// <summary>Plaintext updates; the arbiter sees each client's.</summary>
    Plain,

    /// <summary>Bonawitz et al.'s secure aggregation with pairwise and self masks; the arbiter learns only the sum, even when clients drop out.</summary>
    [WireName("secure")]
    SecureAggregation,

    /// <summary>Packed Paillier under a key the guest generates and shares with the other clients; the arbiter adds ciphertexts it cannot read.</summary>
    Paillier,
}

/// <summary>Where differential-privacy noise is added.</summary>
public enum DpMode
{
    None,

    /// <summary>DP-SGD at each client: per-sample clipping and Gaussian noise on every local step (sample-level DP of each client's rows).</summary>
    DpSgd,

    /// <summary>Central DP: each client's update is clipped at the client, the arbiter adds Gaussian noise to the sum (client-level DP).</summary>
    Central,
}

/// <summary>Differential privacy: the noise multiplier σ directly, or a target ε from which σ is calibrated with the RDP accountant.</summary>
/// <param name="ClipNorm">C: the L2 bound of one sample's gradient (DP-SGD) or of one client's update (central).</param>
/// <param name="NoiseMultiplier">σ; noise is N(0, (σC)²). Null when <paramref name="TargetEpsilon"/> decides it.</param>
/// <param name="TargetEpsilon">ε to spend over the whole training at <paramref name="Delta"/>; σ is the smallest that stays within it.</param>
public sealed record DpSettings(
    [property: Parameter("mode")] DpMode Mode,
    [property: Parameter("clip_norm", Above = 0, Description = "per-sample gradient bound (dp_sgd) or per-client update bound (central)")] double ClipNorm,
    [property: Parameter("noise_multiplier", Above = 0, Description = "σ: noise N(0, (σ·clip_norm)²); or set target_epsilon")] double? NoiseMultiplier,
    [property: Parameter("target_epsilon", Above = 0, Description = "ε over the whole training; σ is calibrated with the RDP accountant")] double? TargetEpsilon,
    [property: Parameter("delta", Above = 0, AtMost = 0.1)] double Delta)
{
    public static readonly DpSettings Off = new(DpMode.None, 1, null, null, 1e-5);

    public bool Enabled => Mode != DpMode.None;
}

/// <summary>
/// Everything that decides a horizontal federated training run apart from the model itself; every party reads the
/// same values (they are job parameters every party must share), so every party checks them alike.
/// </summary>
public sealed record HomoSettings
{
    public const int MinFractionBits = 8;
    public const int MaxFractionBits = 40;
    public const int MinKeyBits = 1024;
    public const int MaxKeyBits = 4096;

    /// <summary>Aggregation rounds R.</summary>
    [Parameter("rounds", AtLeast = 1, AtMost = 10_000, Description = "aggregation rounds")]
    public int Rounds { get; init; } = 10;

    /// <summary>Local epochs E per round.</summary>
    [Parameter("local_epochs", AtLeast = 1, AtMost = 1_000, Description = "epochs each picked client trains per round")]
    public int LocalEpochs { get; init; } = 1;

    /// <summary>The fraction of clients picked per round (at least <see cref="MinClients"/>); 1 takes every client.</summary>
    [Parameter("client_fraction", Above = 0, AtMost = 1, Description = "fraction of clients picked per round (at least min_clients), drawn from the job's seed")]
    public double ClientFraction { get; init; } = 1;

    /// <summary>A round needs this many clients' updates; fewer (after stragglers are dropped) fails the job.</summary>
    [Parameter("min_clients", AtLeast = 1, AtMost = 65_536, Description = "a round needs this many updates; at most the number of clients (guest and hosts)")]
    public int MinClients { get; init; } = 2;

    /// <summary>How long the arbiter waits for each step of a round (a client's training and upload, each key or share step) before dropping the clients that have not answered.</summary>
    [Parameter("round_deadline", Above = 0, AtMost = 86_400, Description = "seconds the arbiter waits for each step of a round; clients that miss it are dropped from the round")]
    public TimeSpan RoundDeadline { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How rounds are configured and aggregated: FedAvg, FedProx, a server optimiser or a robust rule.</summary>
    [Parameter("strategy", Description = "how rounds are aggregated: fedavg, fedprox, fedavgm, fedadam, fedyogi over the (securely summed) mean; median, trimmed_mean, krum need aggregation plain")]
    public StrategySettings Strategy { get; init; } = StrategySettings.FedAvg;

    [Parameter("aggregation", Description = "secure: Bonawitz masking with dropout recovery; paillier: under a key the arbiter lacks; plain: unprotected")]
    public AggregationKind Aggregation { get; init; } = AggregationKind.SecureAggregation;

    /// <summary>Shamir threshold t of secure aggregation; 0 picks ⌊n/2⌋ + 1 of the round's n participants (at least 2).</summary>
    [Parameter("secure_aggregation_threshold", AtLeast = 0, Description = "Shamir threshold t, above half of the n clients; 0 for ⌊n/2⌋+1 of the round's n clients")]
    public int SecureAggregationThreshold { get; init; }

    /// <summary>Bits after the binary point of the fixed-point updates of secure aggregation and Paillier.</summary>
    [Parameter("fraction_bits", AtLeast = MinFractionBits, AtMost = MaxFractionBits, Description = "fixed-point resolution of masked or encrypted updates")]
    public int FractionBits { get; init; } = 24;

    /// <summary>Paillier key size for <see cref="AggregationKind.Paillier"/>.</summary>
    [Parameter("key_bits", AtLeast = MinKeyBits, AtMost = MaxKeyBits, Description = "Paillier key size under aggregation paillier")]
    public int KeyBits { get; init; } = 2048;

    [Parameter("dp", Description = "differential privacy; ε spent is reported per round and in total")]
    public DpSettings Dp { get; init; } = DpSettings.Off;

    /// <summary>Stop when the weighted mean training loss changes by less than this between rounds; 0 never stops early.</summary>
    [Parameter("tol", AtLeast = 0, Description = "stop when the weighted mean loss changes less than this between rounds; 0 runs every round")]
    public double Tol { get; init; }

    /// <summary>validate_data's use (validation_freqs, early stopping, metrics): job parameters of their own, bound beside these.</summary>
    public ValidationOptions Validation { get; init; } = new();

    /// <summary>The job's seed: participant selection, initial parameters and (without DP) each client's batch order derive from it.</summary>
    public long Seed { get; init; }

    /// <summary>Checks the settings against the number of clients (guest and hosts); the message names the job parameter.</summary>
    public void Validate(int clientCount)
    {
        Require(Rounds >= 1, "rounds", $"must be at least 1 (got {Rounds})");
        Require(LocalEpochs >= 1, "local_epochs", $"must be at least 1 (got {LocalEpochs})");
        Require(ClientFraction is > 0 and <= 1, "client_fraction", $"must be in (0, 1] (got {ClientFraction})");
        Require(MinClients >= 1, "min_clients", $"must be at least 1 (got {MinClients})");
        Require(MinClients <= clientCount, "min_clients",
            $"is {MinClients}, but the job has only {clientCount} client(s) (the guest and the hosts); a round could never complete");
        Require(RoundDeadline > TimeSpan.Zero, "round_deadline", "must be positive");
        StrategyChecks.Validate(this, clientCount);
        Require(FractionBits is >= MinFractionBits and <= MaxFractionBits, "fraction_bits", $"must be between {MinFractionBits} and {MaxFractionBits} (got {FractionBits})");
        Require(Tol >= 0, "tol", $"must not be negative (got {Tol})");
        if (Aggregation == AggregationKind.SecureAggregation)
        {
            Require(MinClients >= 2, "min_clients", "must be at least 2 under secure aggregation: the sum of one client is that client's update");
            // At or below half, two disjoint groups of t clients could each be told a different survivor list (BonawitzClient).
            Require(SecureAggregationThreshold == 0 || (SecureAggregationThreshold >= 2 && 2 * SecureAggregationThreshold > clientCount && SecureAggregationThreshold <= clientCount), "secure_aggregation_threshold",
                $"must be 0 (automatic) or above half of the {clientCount} clients and at most all of them (got {SecureAggregationThreshold})");
        }
        if (Aggregation == AggregationKind.Paillier)
        {
            Require(KeyBits is >= MinKeyBits and <= MaxKeyBits, "key_bits", $"must be between {MinKeyBits} and {MaxKeyBits} (got {KeyBits})");
        }
        if (Dp.Enabled)
        {
            Require(Dp.ClipNorm > 0 && double.IsFinite(Dp.ClipNorm), "dp.clip_norm", $"must be positive (got {Dp.ClipNorm})");
            Require(Dp.Delta is > 0 and < 1, "dp.delta", $"must be in (0, 1) (got {Dp.Delta})");
            Require(Dp.NoiseMultiplier is null != Dp.TargetEpsilon is null, "dp",
                "needs exactly one of noise_multiplier and target_epsilon");
            Require(Dp.NoiseMultiplier is null or > 0, "dp.noise_multiplier", $"must be positive (got {Dp.NoiseMultiplier})");
            Require(Dp.TargetEpsilon is null or > 0, "dp.target_epsilon", $"must be positive (got {Dp.TargetEpsilon})");
        }
    }

    /// <summary>The Shamir threshold for a round of <paramref name="participants"/> clients.</summary>
    public int ThresholdFor(int participants) => SecureAggregationThreshold > 0
        ? Math.Min(SecureAggregationThreshold, participants)
        : Math.Max(2, (participants / 2) + 1);

    internal static void Require(bool ok, string field, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"horizontal training parameter \"{field}\" {message}");
        }
    }
}
