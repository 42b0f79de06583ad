using Concord.Crypto.Privacy;
using Concord.ML.Horizontal;
using Concord.ML.Linear;

namespace Concord.ML.HomoLR;

/// <summary>
/// Logistic regression as a horizontal client trains it: a sigmoid for two classes, a softmax over K classes
/// otherwise. Parameters are K blocks of [w₁ … w_F, b] (b only with an intercept; K = 1 for binary), the layout every
/// client and the aggregate share. Local training is mini-batch SGD or Adam on the weighted mean cross-entropy plus
/// L1/L2 (never on the intercept) and, for FedProx, μ/2·‖w − w_global‖²; under DP-SGD each row's gradient is clipped
/// and Gaussian noise from the OS CSPRNG is added to each batch sum.
/// </summary>
public sealed class HomoLogisticModel : ILocalModel, IStepSchedule
{
    private readonly HomoLrOptions _options;
    private readonly ModelShape _shape;
    private readonly HorizontalData _data;
    private readonly int[] _classIndex;
    private readonly int _blocks;
    private readonly int _width;
    private double[] _parameters;

    public HomoLogisticModel(ModelShape shape, HorizontalData data, HomoLrOptions options)
    {
        if (shape.Task == HorizontalTask.Regression)
        {
            throw new ArgumentException("homo_lr is a classifier: its label must take class values (0/1, or several classes)");
        }
        options.Validate();
        _options = options;
        _shape = shape;
        _data = data;
        _blocks = shape.Task == HorizontalTask.Binary ? 1 : shape.Classes.Length;
        _width = shape.FeatureNames.Length + (options.FitIntercept ? 1 : 0);
        _parameters = new double[_blocks * _width];
        _classIndex = [.. data.Labels.Select((y, i) => shape.ClassIndex(y) is var k and >= 0
            ? k
            : throw new ArgumentException($"label value {y} in row {i} is not one of the agreed classes {string.Join(", ", shape.Classes)}"))];
    }

    public int ParameterCount => _parameters.Length;

    public double SamplingRate => (double)BatchRows / Math.Max(_data.RowCount, 1);

    public int StepsPerEpoch => (_data.RowCount + BatchRows - 1) / Math.Max(BatchRows, 1);

    private int BatchRows => _options.BatchSize < 1 || _options.BatchSize >= _data.RowCount ? _data.RowCount : _options.BatchSize;

    public double[] GetParameters() => (double[])_parameters.Clone();

    public void SetParameters(ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != _parameters.Length)
        {
            throw new ArgumentException($"homo_lr has {_parameters.Length} parameters; {parameters.Length} were given");
        }
        _parameters = parameters.ToArray();
    }

    public double[] Predict(ReadOnlySpan<double> features)
    {
        var scores = new double[_blocks];
        Scores(features, _parameters, scores);
        return _blocks == 1 ? [Residuals.Sigmoid(scores[0])] : Softmax(scores);
    }

    public LocalTrainingReport Train(LocalTrainingRequest request, CancellationToken ct)
    {
        if (_data.RowCount == 0)
        {
            throw new InvalidOperationException("homo_lr has no rows to train on");
        }
        var optimizers = Enumerable.Range(0, _blocks).Select(_ => new Optimizer(_options.ForOptimizer(), _width, _options.FitIntercept)).ToArray();
        var gradient = new double[_parameters.Length];
        var rowGradient = new double[_parameters.Length];
        var scores = new double[_blocks];
        var steps = 0;
        var lastEpochLoss = 0.0;
        for (var epoch = 0; epoch < request.Epochs; epoch++)
        {
            var plan = new BatchPlan(_data.RowCount, _options.BatchSize, unchecked(request.Seed + (epoch * 7919L)));
            var lossSum = 0.0;
            for (var b = 0; b < plan.Count; b++)
            {
                ct.ThrowIfCancellationRequested();
                var rows = plan[b];
                Array.Clear(gradient);
                foreach (var i in rows)
                {
                    lossSum += RowGradient(i, scores, rowGradient);
                    if (request.DpSgd is DpSgdSettings dp)
                    {
                        WeightedUpdate.Clip(rowGradient, dp.ClipNorm);
                    }
                    for (var j = 0; j < gradient.Length; j++)
                    {
                        gradient[j] += rowGradient[j];
                    }
                }
                if (request.DpSgd is DpSgdSettings noisy)
                {
                    GaussianNoise.Add(gradient, noisy.NoiseMultiplier * noisy.ClipNorm);
                }
                for (var j = 0; j < gradient.Length; j++)
                {
                    gradient[j] /= rows.Count;
                    if (request.ProximalMu > 0)
                    {
                        gradient[j] += request.ProximalMu * (_parameters[j] - request.GlobalParameters[j]);
                    }
                }
                for (var k = 0; k < _blocks; k++)
                {
                    var block = _parameters.AsSpan(k * _width, _width).ToArray();
                    optimizers[k].Step(block, gradient.AsSpan(k * _width, _width), 0);
                    block.CopyTo(_parameters, k * _width);
                }
                steps++;
            }
            lastEpochLoss = lossSum / _data.RowCount;
        }
        return new LocalTrainingReport(_data.TotalWeight, lastEpochLoss, steps, SamplingRate);
    }

    /// <summary>Writes row i's weighted cross-entropy gradient and returns its weighted loss.</summary>
    private double RowGradient(int i, double[] scores, double[] gradient)
    {
        var row = _data.Rows[i];
        var weight = _data.Weights?[i] ?? 1;
        Scores(row, _parameters, scores);
        double loss;
        Span<double> residual = stackalloc double[_blocks];
        if (_blocks == 1)
        {
            var y = _classIndex[i];
            var p = Residuals.Sigmoid(scores[0]);
            residual[0] = p - y;
            // Softplus form, stable at large |score|.
            loss = y == 1 ? Softplus(-scores[0]) : Softplus(scores[0]);
        }
        else
        {
            var probabilities = Softmax(scores);
            for (var k = 0; k < _blocks; k++)
            {
                residual[k] = probabilities[k] - (k == _classIndex[i] ? 1 : 0);
            }
            loss = -Math.Log(Math.Max(probabilities[_classIndex[i]], 1e-300));
        }
        var features = _shape.FeatureNames.Length;
        for (var k = 0; k < _blocks; k++)
        {
            var offset = k * _width;
            var d = weight * residual[k];
            for (var j = 0; j < features; j++)
            {
                gradient[offset + j] = d * row[j];
            }
            if (_options.FitIntercept)
            {
                gradient[offset + features] = d;
            }
        }
        return weight * loss;
    }

    private void Scores(ReadOnlySpan<double> row, double[] parameters, double[] scores)
    {
        var features = _shape.FeatureNames.Length;
        for (var k = 0; k < _blocks; k++)
        {
            var offset = k * _width;
            var z = _options.FitIntercept ? parameters[offset + features] : 0;
            for (var j = 0; j < features; j++)
            {
                z += parameters[offset + j] * row[j];
            }
            scores[k] = z;
        }
    }

    private static double[] Softmax(double[] scores)
    {
        var max = scores.Max();
        var exp = scores.Select(s => Math.Exp(s - max)).ToArray();
        var sum = exp.Sum();
        return [.. exp.Select(e => e / sum)];
    }

    private static double Softplus(double z) => z > 30 ? z : Math.Log(1 + Math.Exp(z));
}
