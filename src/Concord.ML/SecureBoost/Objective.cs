namespace Concord.ML.SecureBoost;

/// <summary>
/// The loss the trees fit: its first and second derivatives per row and output (what the guest encrypts), the
/// starting score (boost from the label average, as FATE does), the prediction a score stands for, and the loss itself.
/// </summary>
internal sealed class Objective(SecureBoostOptions options)
{
    private const double ProbabilityFloor = 1e-15;

    public int Outputs => options.Outputs;

    /// <summary>Refuses a label the objective cannot take, naming the row: 0/1 for binary, 0 … K − 1 for softmax.</summary>
    public void CheckLabels(IReadOnlyList<double> labels, string labelName)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            var y = labels[i];
            if (!double.IsFinite(y))
            {
                throw new ArgumentException($"label \"{labelName}\" is missing or not a number in row {i}");
            }
            switch (options.Objective)
            {
                case BoostObjective.Binary when y is not (0 or 1):
                    throw new ArgumentException($"label \"{labelName}\" must be 0 or 1 for the binary objective; row {i} has {y}");
                case BoostObjective.Softmax when y < 0 || y >= options.NumClasses || y != Math.Floor(y):
                    throw new ArgumentException(
                        $"label \"{labelName}\" in row {i} is {y}, outside the declared classes 0 … {options.NumClasses - 1} (num_classes = {options.NumClasses})");
            }
        }
        if (labels.Count == 0)
        {
            throw new ArgumentException("there are no rows to train on");
        }
    }

    /// <summary>The score every row starts from: logit of the positive rate, log class priors, the mean, or the median for L1.</summary>
    public double[] InitialScores(IReadOnlyList<double> labels)
    {
        switch (options.Objective)
        {
            case BoostObjective.Binary:
                var p = Math.Clamp(labels.Average(), 1e-6, 1 - 1e-6);
                return [Math.Log(p / (1 - p))];
            case BoostObjective.Softmax:
                var logs = Enumerable.Range(0, options.NumClasses)
                    .Select(k => Math.Log(Math.Max(labels.Count(y => y == k), 1) / (double)labels.Count)).ToArray();
                var mean = logs.Average();
                return [.. logs.Select(l => l - mean)];
            case BoostObjective.L1:
                var sorted = labels.Order().ToArray();
                return [sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2];
            default:
                return [labels.Average()];
        }
    }

    /// <summary>g and h per output for the given rows, from the current scores (per output, per row).</summary>
    public void Gradients(IReadOnlyList<double> labels, double[][] scores, int[] rows, double[][] g, double[][] h)
    {
        var probabilities = options.Objective == BoostObjective.Softmax ? new double[Outputs] : [];
        foreach (var i in rows)
        {
            var y = labels[i];
            switch (options.Objective)
            {
                case BoostObjective.Binary:
                    var p = Sigmoid(scores[0][i]);
                    (g[0][i], h[0][i]) = (p - y, p * (1 - p));
                    break;
                case BoostObjective.Softmax:
                    Softmax(scores, i, probabilities);
                    for (var k = 0; k < Outputs; k++)
                    {
                        var pk = probabilities[k];
                        (g[k][i], h[k][i]) = (pk - (y == k ? 1 : 0), pk * (1 - pk));
                    }
                    break;
                case BoostObjective.L2:
                    (g[0][i], h[0][i]) = (scores[0][i] - y, 1);
                    break;
                case BoostObjective.L1:
                    (g[0][i], h[0][i]) = (Math.Sign(scores[0][i] - y), 1);
                    break;
                case BoostObjective.Huber:
                    var r = scores[0][i] - y;
                    var scale = 1 + ((r / options.HuberDelta) * (r / options.HuberDelta));
                    (g[0][i], h[0][i]) = (r / Math.Sqrt(scale), 1 / (scale * Math.Sqrt(scale)));
                    break;
            }
        }
    }

    /// <summary>What the scores of a row predict: P(y = 1), the class probabilities, or the regression value.</summary>
    public double[][] Predict(double[][] scores)
    {
        var rows = scores[0].Length;
        switch (options.Objective)
        {
            case BoostObjective.Binary:
                return [[.. scores[0].Select(Sigmoid)]];
            case BoostObjective.Softmax:
                var result = Enumerable.Range(0, Outputs).Select(_ => new double[rows]).ToArray();
                var probabilities = new double[Outputs];
                for (var i = 0; i < rows; i++)
                {
                    Softmax(scores, i, probabilities);
                    for (var k = 0; k < Outputs; k++)
                    {
                        result[k][i] = probabilities[k];
                    }
                }
                return result;
            default:
                return [(double[])scores[0].Clone()];
        }
    }

    /// <summary>The mean loss over all rows: log-loss, multi-class log-loss, squared, absolute or pseudo-Huber error.</summary>
    public double Loss(IReadOnlyList<double> labels, double[][] scores)
    {
        var predictions = Predict(scores);
        var sum = 0.0;
        for (var i = 0; i < labels.Count; i++)
        {
            var y = labels[i];
            sum += options.Objective switch
            {
                BoostObjective.Binary => -Math.Log(Math.Max(y == 1 ? predictions[0][i] : 1 - predictions[0][i], ProbabilityFloor)),
                BoostObjective.Softmax => -Math.Log(Math.Max(predictions[(int)y][i], ProbabilityFloor)),
                BoostObjective.L2 => (predictions[0][i] - y) * (predictions[0][i] - y),
                BoostObjective.L1 => Math.Abs(predictions[0][i] - y),
                _ => PseudoHuber(predictions[0][i] - y),
            };
        }
        return sum / labels.Count;
    }

    /// <summary>The name of <see cref="Loss"/> in metrics.</summary>
    public string LossName => options.Objective switch
    {
        BoostObjective.Binary => "logloss",
        BoostObjective.Softmax => "mlogloss",
        BoostObjective.L2 => "mse",
        BoostObjective.L1 => "mae",
        _ => "pseudo_huber",
    };

    private double PseudoHuber(double r)
    {
        var d = options.HuberDelta;
        return d * d * (Math.Sqrt(1 + ((r / d) * (r / d))) - 1);
    }

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    private static void Softmax(double[][] scores, int row, double[] destination)
    {
        var max = double.NegativeInfinity;
        for (var k = 0; k < destination.Length; k++)
        {
            max = Math.Max(max, scores[k][row]);
        }
        var total = 0.0;
        for (var k = 0; k < destination.Length; k++)
        {
            total += destination[k] = Math.Exp(scores[k][row] - max);
        }
        for (var k = 0; k < destination.Length; k++)
        {
            destination[k] /= total;
        }
    }
}
