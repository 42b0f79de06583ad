using Concord.ML.Linear;
using Concord.ML.Validation;

namespace Concord.ML.HeteroLinear;

/// <summary>The guest's side of the aligned rows: its ids, prepared features, labels, and optional sample weights and Poisson exposure.</summary>
public sealed record GuestTrainingData(
    IReadOnlyList<string> Ids,
    PreparedFeatures Features,
    double[] Labels,
    string LabelName,
    double[]? SampleWeights = null,
    double[]? Exposure = null,
    GuestValidationData? Validation = null);

/// <summary>A host's side of the aligned rows: its ids and prepared features, and its validate_data rows if connected.</summary>
public sealed record HostTrainingData(IReadOnlyList<string> Ids, PreparedFeatures Features, HostValidationData? Validation = null);

/// <summary>The guest's validate_data rows (aligned with the hosts'), prepared with the training rows' scaling, with labels.</summary>
public sealed record GuestValidationData(IReadOnlyList<string> Ids, PreparedFeatures Features, double[] Labels, double[]? SampleWeights = null, double[]? Exposure = null);

/// <summary>A host's validate_data rows, prepared with the training rows' scaling.</summary>
public sealed record HostValidationData(IReadOnlyList<string> Ids, PreparedFeatures Features);

/// <summary>
/// What the guest ends with: its share of the model, the joint prediction per model and row (P(y=1), the fitted
/// value, or the Poisson mean), the arbiter's loss per epoch of the last model (empty without a loss), and epochs per model.
/// </summary>
/// <param name="Converged">Per model, whether it met its stopping rule (tol) before max_iter ran out.</param>
/// <param name="Validation">Every validation of every model in order; empty without validate_data.</param>
/// <param name="BestEpochs">Per model, the epoch whose share the model holds when early stopping kept the best; empty otherwise.</param>
public sealed record HeteroLinearGuestResult(
    PartyLinearModel Model, double[][] Predictions, IReadOnlyList<double> Losses, IReadOnlyList<int> Epochs, IReadOnlyList<bool> Converged,
    IReadOnlyList<ValidationPoint>? Validation = null, IReadOnlyList<int>? BestEpochs = null);
