using Concord.ML.Horizontal.Strategies;

namespace Concord.ML.Horizontal;

/// <summary>How updates travel from clients to the arbiter.</summary>
public enum AggregationKind
{
    /// <summary>Plaintext updates; the arbiter sees each client's.</summary>
    Plain,

    /// <summary>Bonawitz et al.'s secure aggregation with pairwise and self masks; the arbiter learns only the sum, even when clients drop out.</summary>
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
public sealed record DpSettings(DpMode Mode, double ClipNorm, double? NoiseMultiplier, double? TargetEpsilon, double Delta)
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
    /// <summary>Aggregation rounds R.</summary>
    public int Rounds { get; init; } = 10;

    /// <summary>Local epochs E per round.</summary>
    public int LocalEpochs { get; init; } = 1;

    /// <summary>The fraction of clients picked per round (at least <see cref="MinClients"/>); 1 takes every client.</summary>
    public double ClientFraction { get; init; } = 1;

    /// <summary>A round needs this many clients' updates; fewer (after stragglers are dropped) fails the job.</summary>
    public int MinClients { get; init; } = 2;

    /// <summary>How long the arbiter waits for each step of a round (a client's training and upload, each key or share step) before dropping the clients that have not answered.</summary>
    public TimeSpan RoundDeadline { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How rounds are configured and aggregated: FedAvg, FedProx, a server optimiser or a robust rule.</summary>
    public StrategySettings Strategy { get; init; } = StrategySettings.FedAvg;

    public AggregationKind Aggregation { get; init; } = AggregationKind.SecureAggregation;

    /// <summary>Shamir threshold t of secure aggregation; 0 picks ⌊n/2⌋ + 1 of the round's n participants (at least 2).</summary>
    public int SecureAggregationThreshold { get; init; }

    /// <summary>Bits after the binary point of the fixed-point updates of secure aggregation and Paillier.</summary>
    public int FractionBits { get; init; } = 24;

    /// <summary>Paillier key size for <see cref="AggregationKind.Paillier"/>.</summary>
    public int KeyBits { get; init; } = 2048;

    public DpSettings Dp { get; init; } = DpSettings.Off;

    /// <summary>Stop when the weighted mean training loss changes by less than this between rounds; 0 never stops early.</summary>
    public double Tol { get; init; }

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
        Require(FractionBits is >= 8 and <= 40, "fraction_bits", $"must be between 8 and 40 (got {FractionBits})");
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
            Require(KeyBits is >= 1024 and <= 4096, "key_bits", $"must be between 1024 and 4096 (got {KeyBits})");
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
