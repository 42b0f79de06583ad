namespace Concord.ML.Horizontal;

/// <summary>
/// A model as horizontal federated training sees it: a flat vector of parameters that each client trains on its own
/// rows and the arbiter aggregates. HomoLR and HomoNN both implement it, so that FedAvg, FedProx, secure aggregation
/// and differential privacy are written once, for any model.
/// </summary>
public interface ILocalModel
{
    /// <summary>The number of trainable parameters: the length of every update that is aggregated.</summary>
    int ParameterCount { get; }

    /// <summary>A copy of the current parameters, in the model's fixed order.</summary>
    double[] GetParameters();

    /// <summary>Replaces the parameters, e.g. with the global model the arbiter broadcast.</summary>
    void SetParameters(ReadOnlySpan<double> parameters);

    /// <summary>Trains on the local rows, starting from the current parameters.</summary>
    LocalTrainingReport Train(LocalTrainingRequest request, CancellationToken ct);

    /// <summary>
    /// The model's output for one row: P(y = 1) as a one-element array for binary classification, one probability per
    /// class for multi-class, the prediction itself for regression.
    /// </summary>
    double[] Predict(ReadOnlySpan<double> features);
}

/// <summary>What one round asks of a client's local training.</summary>
/// <param name="Epochs">Local epochs E over the client's rows.</param>
/// <param name="ProximalMu">FedProx μ: adds μ/2 ‖w − w_global‖² to the local objective; 0 is plain FedAvg.</param>
/// <param name="GlobalParameters">The global model of this round, the centre of the proximal term.</param>
/// <param name="DpSgd">Per-sample clipping and Gaussian noise at the client, or null for none.</param>
/// <param name="Seed">The root of this round's randomness (batch order, dropout, DP noise) at this client.</param>
public sealed record LocalTrainingRequest(int Epochs, double ProximalMu, double[] GlobalParameters, DpSgdSettings? DpSgd, long Seed);

/// <summary>DP-SGD: each sample's gradient is clipped to <paramref name="ClipNorm"/>, and N(0, (σ·C)²) is added per step to the batch sum.</summary>
public sealed record DpSgdSettings(double ClipNorm, double NoiseMultiplier);

/// <summary>What local training did, for sample-weighted averaging and the privacy accountant.</summary>
/// <param name="SampleCount">The number of local rows (the FedAvg weight; the sum of sample weights when weighted).</param>
/// <param name="Loss">The mean training loss over the last local epoch.</param>
/// <param name="Steps">The optimizer steps taken.</param>
/// <param name="SamplingRate">Batch size over row count: the q of the RDP accountant.</param>
public sealed record LocalTrainingReport(double SampleCount, double Loss, int Steps, double SamplingRate);
