using Concord.Crypto.Profiling;

namespace Concord.ML.SecureBoost;

/// <summary>The guest's aligned rows: ids, features (NaN where missing), labels, and optionally validation rows.</summary>
public sealed record GuestBoostData(
    IReadOnlyList<string> Ids,
    NumericColumns Features,
    double[] Labels,
    string LabelName = "y",
    IReadOnlyList<string>? ValidateIds = null,
    NumericColumns? ValidateFeatures = null,
    double[]? ValidateLabels = null);

/// <summary>A host's aligned rows: ids and features, and optionally validation rows.</summary>
public sealed record HostBoostData(
    IReadOnlyList<string> Ids,
    NumericColumns Features,
    IReadOnlyList<string>? ValidateIds = null,
    NumericColumns? ValidateFeatures = null);

/// <summary>
/// What the guest ends with: its part of the model, the prediction per output and row of the training data (P(y = 1),
/// class probabilities, or the regression value), the losses per round, the importance of its own features and the
/// total per host (it does not know the hosts' features), and where its time went.
/// </summary>
public sealed record SecureBoostGuestResult(
    SecureBoostModel Model,
    double[][] Predictions,
    IReadOnlyList<double> TrainLoss,
    IReadOnlyList<double> ValidateLoss,
    string LossName,
    int Rounds,
    IReadOnlyList<FeatureImportance> Importance,
    PhaseTimer Times,
    IReadOnlyList<Validation.ValidationPoint>? Validation = null,
    int BestRound = -1);

/// <summary>What a host ends with: its lookup table, the importance of its own features, and where its time went.</summary>
public sealed record SecureBoostHostResult(HostLookupTable Table, IReadOnlyList<FeatureImportance> Importance, PhaseTimer Times);
