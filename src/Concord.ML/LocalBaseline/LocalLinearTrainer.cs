using Concord.ML.Linear;

namespace Concord.ML.LocalBaseline;

/// <summary>What a plaintext fit produced: weights per binary model (intercept last), classes under one-vs-rest, and the loss per epoch of the last model.</summary>
public sealed record LocalFit(double[][] Weights, double[] Classes, IReadOnlyList<double> Losses, int Epochs);

/// <summary>
/// The LocalBaseline: the same model trained in plaintext on the joined features, in-process, with the same batches,
/// residuals, optimizer and convergence rule as the federated roles, so the two differ only by fixed-point rounding.
/// With <c>exactLogistic</c> it fits the true logistic loss instead of FATE's Taylor approximation.
/// </summary>
public static class LocalLinearTrainer
{
    public static LocalFit Fit(
        double[][] columns,
        double[] labels,
        LinearOptions options,
        double[]? sampleWeights = null,
        double[]? exposure = null,
        bool exactLogistic = false,
        string labelName = "y")
    {
        options.Validate();
        var classes = LabelClasses.For(options.Task, labels, labelName);
        var models = Math.Max(classes.Length, 1);
        var plan = new BatchPlan(labels.Length, options.BatchSize, options.Seed);
        var weights = new double[models][];
        IReadOnlyList<double> losses = [];
        var epochs = 0;
        for (var k = 0; k < models; k++)
        {
            var target = LabelClasses.Target(labels, classes, k);
            (weights[k], losses, epochs) = FitOne(columns, target, options, sampleWeights, exposure, exactLogistic, plan);
        }
        return new LocalFit(weights, classes, losses, epochs);
    }

    /// <summary>w·x for every row (intercept last in <paramref name="weights"/> when it has one more entry than there are columns).</summary>
    public static double[] LinearPredictor(double[][] columns, double[] weights, int rows)
    {
        var wx = new double[rows];
        for (var j = 0; j < columns.Length; j++)
        {
            for (var i = 0; i < rows; i++)
            {
                wx[i] += weights[j] * columns[j][i];
            }
        }
        if (weights.Length > columns.Length)
        {
            for (var i = 0; i < rows; i++)
            {
                wx[i] += weights[^1];
            }
        }
        return wx;
    }

    private static (double[] Weights, IReadOnlyList<double> Losses, int Epochs) FitOne(
        double[][] columns, double[] y, LinearOptions options, double[]? sw, double[]? exposure, bool exact, BatchPlan plan)
    {
        var width = columns.Length + (options.FitIntercept ? 1 : 0);
        var w = PartyLinearModel.InitialWeights(null, options, [.. Enumerable.Range(0, columns.Length).Select(j => $"x{j}")], 1, options.FitIntercept)[0];
        var optimizer = new Optimizer(options, width, options.FitIntercept);
        var losses = new List<double>();
        var previous = double.NaN;
        for (var epoch = 0; epoch < options.MaxIter; epoch++)
        {
            var start = (double[])w.Clone();
            var lossSum = 0.0;
            for (var b = 0; b < plan.Count; b++)
            {
                var rows = plan[b];
                var gradient = new double[width];
                var loss = 0.0;
                foreach (var i in rows)
                {
                    var wx = options.FitIntercept ? w[^1] : 0;
                    for (var j = 0; j < columns.Length; j++)
                    {
                        wx += w[j] * columns[j][i];
                    }
                    var weight = sw?[i] ?? 1;
                    var e = exposure?[i] ?? 1;
                    var d = weight * Residuals.Residual(options.Task, exact, wx, y[i], e);
                    for (var j = 0; j < columns.Length; j++)
                    {
                        gradient[j] += d * columns[j][i];
                    }
                    if (options.FitIntercept)
                    {
                        gradient[^1] += d;
                    }
                    loss += weight * Residuals.Loss(options.Task, exact, wx, y[i], e);
                }
                for (var j = 0; j < width; j++)
                {
                    gradient[j] /= rows.Count;
                }
                lossSum += loss / rows.Count;
                optimizer.Step(w, gradient, epoch);
            }
            var epochLoss = lossSum / plan.Count;
            losses.Add(epochLoss);
            var change = Math.Sqrt(WeightChange.Squared(start, w));
            if (Convergence.IsConverged(options.EarlyStop, options.Tol, epochLoss, previous, change))
            {
                return (w, losses, epoch + 1);
            }
            previous = epochLoss;
        }
        return (w, losses, options.MaxIter);
    }
}
