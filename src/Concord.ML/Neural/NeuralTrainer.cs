using System.Numerics.Tensors;
using Concord.ML.Horizontal;
using Concord.ML.Linear;
using Concord.ML.Neural.Losses;
using Concord.ML.Neural.Optimizers;

namespace Concord.ML.Neural;

/// <summary>
/// Mini-batch training of a network on one party's rows, for the epochs of one round. The step's gradient is the batch
/// mean of the per-sample gradients, plus μ(w − w_global) under FedProx. Under DP-SGD each sample's gradient is
/// computed alone (a backward pass per sample), clipped to norm C, summed, and N(0, (σC)²) is added to every coordinate
/// of the sum before dividing by the batch size; the proximal term, which touches no data, is added after the noise.
/// </summary>
public sealed class NeuralTrainer(Network network, ILoss loss, INeuralOptimizer optimizer, int batchSize)
{
    public LocalTrainingReport Train(NeuralTrainingData data, LocalTrainingRequest request, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Epochs, 1);
        if (request.ProximalMu > 0 && request.GlobalParameters.Length != network.ParameterCount)
        {
            throw new ArgumentException($"the global model has {request.GlobalParameters.Length} parameters; this network has {network.ParameterCount}");
        }
        var dropout = new ForwardPass(true, new Random(NeuralSeeds.Derive(request.Seed, NeuralSeeds.Dropout, 0)));
        var noise = new GaussianNoise(new Random(NeuralSeeds.Derive(request.Seed, NeuralSeeds.Noise, 0)));
        var steps = 0;
        var lastEpochLoss = double.NaN;
        var batch = batchSize < 1 ? data.Rows : Math.Min(batchSize, data.Rows);
        for (var epoch = 0; epoch < request.Epochs; epoch++)
        {
            var plan = new BatchPlan(data.Rows, batch, NeuralSeeds.Derive(request.Seed, NeuralSeeds.BatchOrder, epoch));
            var lossSum = 0.0;
            for (var b = 0; b < plan.Count; b++)
            {
                ct.ThrowIfCancellationRequested();
                var rows = plan[b];
                lossSum += request.DpSgd is DpSgdSettings dp
                    ? PrivateGradient(data, rows, dropout, dp, noise)
                    : BatchGradient(data, rows, dropout);
                if (request.ProximalMu > 0)
                {
                    AddProximal(request.ProximalMu, request.GlobalParameters);
                }
                optimizer.Step(network.Parameters, network.Gradients);
                steps++;
            }
            lastEpochLoss = lossSum / data.Rows;
        }
        return new LocalTrainingReport(data.Rows, lastEpochLoss, steps, (double)batch / data.Rows);
    }

    /// <summary>The mean loss gradient over the batch into the network's gradients; returns the batch's summed loss.</summary>
    private double BatchGradient(NeuralTrainingData data, IReadOnlyList<int> rows, ForwardPass pass)
    {
        network.ZeroGradients();
        var sum = SampleGradients(data, rows, pass);
        TensorPrimitives.Multiply(network.Gradients, 1.0 / rows.Count, network.Gradients);
        return sum;
    }

    private double PrivateGradient(NeuralTrainingData data, IReadOnlyList<int> rows, ForwardPass pass, DpSgdSettings dp, GaussianNoise noise)
    {
        var clippedSum = new double[network.ParameterCount];
        var lossSum = 0.0;
        foreach (var row in rows)
        {
            network.ZeroGradients();
            lossSum += SampleGradients(data, [row], pass);
            var norm = TensorPrimitives.Norm<double>(network.Gradients);
            var scale = norm > dp.ClipNorm ? dp.ClipNorm / norm : 1;
            TensorPrimitives.MultiplyAdd(network.Gradients, scale, clippedSum, clippedSum);
        }
        noise.Add(clippedSum, dp.NoiseMultiplier * dp.ClipNorm);
        TensorPrimitives.Multiply(clippedSum, 1.0 / rows.Count, network.Gradients);
        return lossSum;
    }

    /// <summary>Adds Σ over <paramref name="rows"/> of each sample's loss gradient to the network's gradients; returns Σ loss.</summary>
    private double SampleGradients(NeuralTrainingData data, IReadOnlyList<int> rows, ForwardPass pass)
    {
        var output = network.Forward(data.Features.Gather(rows), pass);
        var targets = rows.Select(i => data.Labels[i]).ToArray();
        var gradient = output.ZerosLike();
        var sum = loss.Evaluate(output, targets, gradient);
        network.Backward(gradient);
        return sum;
    }

    private void AddProximal(double mu, double[] global)
    {
        // μ(w − w_global), the gradient of μ/2 ‖w − w_global‖².
        var difference = new double[network.ParameterCount];
        TensorPrimitives.Subtract(network.Parameters, global, difference);
        TensorPrimitives.MultiplyAdd(difference, mu, network.Gradients, network.Gradients);
    }
}
