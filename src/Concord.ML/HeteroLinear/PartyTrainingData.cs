using Concord.ML.Linear;

namespace Concord.ML.HeteroLinear;

/// <summary>The guest's side of the aligned rows: its ids, prepared features, labels, and optional sample weights and Poisson exposure.</summary>
public sealed record GuestTrainingData(
    IReadOnlyList<string> Ids,
    PreparedFeatures Features,
    double[] Labels,
    string LabelName,
    double[]? SampleWeights = null,
    double[]? Exposure = null);

/// <summary>A host's side of the aligned rows: its ids and prepared features.</summary>
public sealed record HostTrainingData(IReadOnlyList<string> Ids, PreparedFeatures Features);

/// <summary>
/// What the guest ends with: its share of the model, the joint prediction per model and row (P(y=1), the fitted
/// value, or the Poisson mean), the arbiter's loss per epoch of the last model (empty without a loss), and epochs per model.
/// </summary>
/// <param name="Converged">Per model, whether it met its stopping rule (tol) before max_iter ran out.</param>
public sealed record HeteroLinearGuestResult(PartyLinearModel Model, double[][] Predictions, IReadOnlyList<double> Losses, IReadOnlyList<int> Epochs, IReadOnlyList<bool> Converged);
