using Concord.Federation.Messaging;
using Concord.ML.Horizontal.Strategies;

namespace Concord.ML.Horizontal;

/// <summary>
/// The messages of horizontal federated training (guest and hosts are the clients, the arbiter aggregates), in the
/// order they flow. How an update reaches the arbiter is the aggregation's own protocol (plain, secure aggregation,
/// Paillier), declared beside it.
/// </summary>
internal static class HomoProtocol
{
    /// <summary>Client → arbiter, once: its columns, label name and label values, so that mismatched schemas are refused before training.</summary>
    public static readonly Tag<ClientProfile> Profile = new("client_profile");

    /// <summary>Arbiter → clients, once: the model shape every client builds, or why training is refused.</summary>
    public static readonly Tag<TrainingSetup> Setup = new("training_setup");

    /// <summary>Guest → arbiter, once: the starting parameters every client begins from.</summary>
    public static readonly Tag<double[]> InitialParameters = new("initial_parameters");

    /// <summary>Arbiter → clients, per round: who trains this round, or that training has stopped.</summary>
    public static readonly Tag<RoundPlan> Plan = new("round_plan");

    /// <summary>Arbiter → clients, per round and after the last: the global parameters, where the arbiter holds them (plain and secure aggregation).</summary>
    public static readonly Tag<double[]> GlobalModel = new("global_model");

    /// <summary>Arbiter → clients, per round: how many updates made it into the sum, or why the round failed.</summary>
    public static readonly Tag<RoundOutcome> Outcome = new("round_outcome");

    /// <summary>Guest → arbiter, per round under Paillier: the mean training loss the clients decrypted (the arbiter cannot), for early stopping.</summary>
    public static readonly Tag<double[]> AggregateLoss = new("aggregate_loss");

    // A validation (scope round-r/validation) reuses GlobalModel (the model it scores, where the arbiter holds it) and
    // Outcome (how many clients' scores the sum holds), then these two.

    /// <summary>Guest → arbiter, per validation under Paillier: the validation sum the clients decrypted (the arbiter cannot).</summary>
    public static readonly Tag<double[]> ValidationSum = new("validation_sum");

    /// <summary>Arbiter → clients, per validation: the early-stopping rule's verdict on the aggregated curve.</summary>
    public static readonly Tag<ValidationVerdict> Verdict = new("validation_verdict");
}

/// <summary>What a client tells the arbiter about its data before training; no row leaves the client.</summary>
/// <param name="LabelValues">The distinct label values (empty for regression), so that every client's classifier has the same classes.</param>
/// <param name="Validates">Whether the client has validate_data rows; not how many, which stay inside the validation sums.</param>
public sealed record ClientProfile(string Model, string[] FeatureNames, string LabelName, double[] LabelValues, bool Validates = false);

/// <param name="Validation">Whether any client validates: then every client takes part in each validation (with no rows, a zero score).</param>
public sealed record TrainingSetup(ModelShape? Shape, string? Rejection, bool Validation = false);

/// <summary>What early stopping makes of the aggregated validation: stop training, keep this round's model as the best, or why the validation failed.</summary>
public sealed record ValidationVerdict(bool Stop, bool Best, string? Failure = null);

/// <param name="Config">What the strategy tells the round's clients (FedProx's μ).</param>
/// <param name="CentralPrivacy">On the final plan under central DP: what the arbiter's noise spent, for every client's metrics.</param>
public sealed record RoundPlan(int Round, PartyRefList Participants, bool Stop, RoundConfig Config, PrivacyReport? CentralPrivacy = null);

public sealed record RoundOutcome(int Included, string? Failure);
