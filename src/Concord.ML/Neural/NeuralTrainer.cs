using System.Numerics.Tensors;
using Concord.Crypto.Privacy;
using Concord.ML.Horizontal;
using Concord.ML.Linear;
using Concord.ML.Neural.Losses;
using Concord.ML.Neural.Optimizers;

namespace Concord.ML.Neural;

/// <summary>
/// Mini-batch training of a network on one party's rows, for the epochs of one round. A step's gradient is the
/// weighted mean of the per-sample gradients over the batch, plus μ(w − w_global) under FedProx. Under DP-SGD each
/// sample's (weighted) gradient is computed alone, by a backward pass per sample, clipped to norm C and summed;
/// N(0, (σC)²) from the OS CSPRNG is added to every coordinate of the sum, which is divided by the batch's row count
/// (not its weight, which would depend on the data). The proximal term touches no data and is added after the noise.
/// Batch order and dropout masks come from the request's seed, so without DP a run repeats bit for bit.
/// </summary>
public sealed class NeuralTrainer(Network network, ILoss loss, INeuralOptimizer optimizer, int batchSize)
{
    /// <summary>Rows per step on a party of <paramref name="rows"/> rows: the batch size, or all of them.</summary>
    public int BatchRows(int rows) => batchSize < 1 ? rows : Math.Min(batchSize, rows);

    public LocalTrainingReport Train(NeuralTrainingData data, LocalTrainingRequest request, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Epochs, 1);
        if (request.ProximalMu > 0 && request.GlobalParameters.Length != network.ParameterCount)
        {
            throw new ArgumentException($"the global model has {request.GlobalParameters.Length} parameters; this network has {network.ParameterCount}");
        }
        var dropout = new ForwardPass(true, new Random(NeuralSeeds.Derive(request.Seed, NeuralSeeds.Dropout, 0)));
        var steps = 0;
        var lastEpochLoss = double.NaN;
        var batch = BatchRows(data.Rows);
        for (var epoch = 0; epoch < request.Epochs; epoch++)
        {
            var plan = new BatchPlan(data.Rows, batch, NeuralSeeds.Derive(request.Seed, NeuralSeeds.BatchOrder, epoch));
            var lossSum = 0.0;
            for (var b = 0; b < plan.Count; b++)
            {
                ct.ThrowIfCancellationRequested();
                var rows = plan[b];
                lossSum += request.DpSgd is DpSgdSettings dp
                    ? PrivateGradient(data, rows, dropout, dp)
                    : BatchGradient(data, rows, dropout);
                if (request.ProximalMu > 0)
                {
                    AddProximal(request.ProximalMu, request.GlobalParameters);
                }
                optimizer.Step(network.Parameters, network.Gradients);
                steps++;
            }
            lastEpochLoss = lossSum / data.TotalWeight;
        }
        return new LocalTrainingReport(data.TotalWeight, lastEpochLoss, steps, (double)batch / data.Rows);
    }

    /// <summary>The weighted mean loss gradient over the batch into the network's gradients; returns the batch's weighted loss sum.</summary>
    private double BatchGradient(NeuralTrainingData data, IReadOnlyList<int> rows, ForwardPass pass)
    {
        network.ZeroGradients();
        var sum = SampleGradients(data, rows, pass);
        var weight = rows.Sum(data.WeightOf);
        TensorPrimitives.Multiply(network.Gradients, weight > 0 ? 1.0 / weight : 0, network.Gradients);
        return sum;
    }

    private double PrivateGradient(NeuralTrainingData data, IReadOnlyList<int> rows, ForwardPass pass, DpSgdSettings dp)
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
        GaussianNoise.Add(clippedSum, dp.NoiseMultiplier * dp.ClipNorm);
        TensorPrimitives.Multiply(clippedSum, 1.0 / rows.Count, network.Gradients);
        return lossSum;
    }

    /// <summary>Adds Σ over <paramref name="rows"/> of each sample's weighted loss gradient to the network's gradients; returns the weighted Σ loss.</summary>
    private double SampleGradients(NeuralTrainingData data, IReadOnlyList<int> rows, ForwardPass pass)
    {
        var output = network.Forward(data.Features.Gather(rows), pass);
        var targets = rows.Select(i => data.Targets[i]).ToArray();
        var losses = new double[rows.Count];
        var gradient = output.ZerosLike();
        loss.Evaluate(output, targets, losses, gradient);
        var sum = 0.0;
        for (var r = 0; r < rows.Count; r++)
        {
            var weight = data.WeightOf(rows[r]);
            sum += weight * losses[r];
            if (weight != 1)
            {
                TensorPrimitives.Multiply(gradient.Row(r), weight, gradient.Row(r));
            }
        }
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
