using Concord.ML.Validation;

namespace Concord.ML.SecureBoost;

/// <summary>
/// What the boosting loop needs from the parties: splitters to grow trees with (party 0 is the guest), a hook at the
/// start of each round (where the guest encrypts the round's gradients for the hosts), and split directions for
/// prediction. The guest implements it over the federation, the LocalBaseline in plaintext.
/// </summary>
internal interface IBoostingParties
{
    IReadOnlyList<ISplitParty> Splitters { get; }

    Task BeginRoundAsync(int round, QuantizedGradients gradients, int[] rows, CancellationToken ct);

    Task<bool[]> DirectionsAsync(BoostDataset dataset, int party, IReadOnlyList<(SplitRule Rule, int Row)> queries, CancellationToken ct);
}

/// <summary>Labels to fit, optional validation labels, and the scores both start from (base score, plus a warm start's trees).</summary>
internal sealed record BoostStart(IReadOnlyList<double> Labels, double[][] Scores, IReadOnlyList<double>? ValidateLabels, double[][]? ValidateScores);

/// <summary>The trees grown (after early stopping, up to the best round), the final scores, and the loss per round.</summary>
internal sealed record BoostOutcome(
    List<BoostTree> Trees, double[][] Scores, double[][]? ValidateScores, List<double> TrainLoss, List<double> ValidateLoss, int Rounds, int BestRound,
    IReadOnlyList<ValidationPoint> Validation);

/// <summary>
/// Gradient boosting, round after round, the same for the guest and the LocalBaseline: draw the round's rows, compute
/// g and h, grow one tree per output, add the leaf weights to the scores (asking the parties for rows outside the
/// round and for validation rows), and stop early when the validation loss stops improving.
/// </summary>
internal sealed class BoostingLoop(SecureBoostOptions options, IBoostingParties parties, Action<string>? log = null)
{
    private readonly Objective _objective = new(options);

    public async Task<BoostOutcome> RunAsync(BoostStart start, CancellationToken ct)
    {
        var n = start.Labels.Count;
        var outputs = options.Outputs;
        var scores = start.Scores.Select(s => (double[])s.Clone()).ToArray();
        var validate = start.ValidateScores?.Select(s => (double[])s.Clone()).ToArray();
        var g = Enumerable.Range(0, outputs).Select(_ => new double[n]).ToArray();
        var h = Enumerable.Range(0, outputs).Select(_ => new double[n]).ToArray();
        var grower = new TreeGrower(options);
        var precision = QuantizedGradients.Precision(options.KeyBits, outputs, n);
        var trees = new List<BoostTree>();
        var unvalidated = new List<BoostTree>();
        var curve = new ValidationCurve(options.Validation);
        var (trainLoss, validateLoss) = (new List<double>(), new List<double>());
        var (best, bestScores, rounds) = (-1, scores, 0);
        for (var round = 0; round < options.NumTrees; round++)
        {
            var rows = Sampling.Rows(options.Seed, round, n, options.Subsample);
            _objective.Gradients(start.Labels, scores, rows, g, h);
            var quantized = new QuantizedGradients(g, h, rows, precision);
            await parties.BeginRoundAsync(round, quantized, rows, ct).ConfigureAwait(false);
            var grown = new List<BoostTree>();
            for (var k = 0; k < outputs; k++)
            {
                var tree = await grower.GrowAsync(new TreeJob(round, (round * outputs) + k, k, g[k], h[k], rows, quantized), parties.Splitters, n, ct).ConfigureAwait(false);
                foreach (var r in rows)
                {
                    scores[k][r] += tree.Tree.Nodes[tree.LeafOf[r]].Weight;
                }
                grown.Add(tree.Tree);
            }
            trees.AddRange(grown);
            unvalidated.AddRange(grown);
            if (rows.Length < n)
            {
                var others = Enumerable.Range(0, n).Except(rows).ToArray();
                await AddAsync(grown, BoostDataset.Train, others, scores, ct).ConfigureAwait(false);
            }
            trainLoss.Add(_objective.Loss(start.Labels, scores));
            rounds = round + 1;
            if (validate is null || !options.Validation.Due(round))
            {
                log?.Invoke($"round {round + 1}/{options.NumTrees}: train {_objective.LossName} {trainLoss[^1]:G6}");
                continue;
            }
            // The validation rows' scores take every tree grown since the last validation, by the same federated walk as prediction.
            await AddAsync(unvalidated, BoostDataset.Validate, [.. Enumerable.Range(0, validate[0].Length)], validate, ct).ConfigureAwait(false);
            unvalidated.Clear();
            validateLoss.Add(_objective.Loss(start.ValidateLabels!, validate));
            var decision = curve.Add(new ValidationPoint(0, round + 1, Metrics(start.ValidateLabels!, validate, validateLoss[^1])));
            log?.Invoke($"round {round + 1}/{options.NumTrees}: train {_objective.LossName} {trainLoss[^1]:G6}, validation {validateLoss[^1]:G6}");
            if (decision.Best)
            {
                (best, bestScores) = (round, scores.Select(s => (double[])s.Clone()).ToArray());
            }
            if (options.Validation.EarlyStopping && decision.Stop)
            {
                log?.Invoke($"validation has not improved for {options.Validation.EarlyStoppingRounds} validations; keeping the {best + 1} best rounds");
                break;
            }
        }
        // With early stopping on, the model kept is the best validation's, whether it stopped or ran out of rounds (as FATE).
        return options.Validation.EarlyStopping && best >= 0 && best < rounds - 1
            ? new BoostOutcome(trees[..((best + 1) * outputs)], bestScores, null, trainLoss, validateLoss, rounds, best, curve.Points)
            : new BoostOutcome(trees, scores, validate, trainLoss, validateLoss, rounds, rounds - 1, curve.Points);
    }

    /// <summary>The recorded validation metrics of the validation rows' scores; the loss is the objective's, as the training loss.</summary>
    private Dictionary<string, double> Metrics(IReadOnlyList<double> labels, double[][] validate, double loss)
    {
        var recorded = options.Validation.Recorded(options.ValidationTask);
        var predictions = _objective.Predict(validate);
        var metrics = options.ValidationTask == ValidationTask.Multi
            ? ValidationMetrics.EvaluateMulti(recorded, [.. Enumerable.Range(0, options.NumClasses).Select(k => (double)k)], predictions, [.. labels], null)
            : ValidationMetrics.Evaluate(options.ValidationTask, recorded, predictions[0], [.. labels], null);
        return metrics.ToDictionary(m => m.Key, m => m.Key == "loss" ? loss : m.Value);
    }

    private async Task AddAsync(List<BoostTree> trees, BoostDataset dataset, int[] rows, double[][] scores, CancellationToken ct)
    {
        var weights = await TreeWalker.LeafWeightsAsync(trees, rows, (p, q, c) => parties.DirectionsAsync(dataset, p, q, c), ct).ConfigureAwait(false);
        for (var t = 0; t < trees.Count; t++)
        {
            var k = trees[t].Output;
            for (var i = 0; i < rows.Length; i++)
            {
                scores[k][rows[i]] += weights[t][i];
            }
        }
    }
}
