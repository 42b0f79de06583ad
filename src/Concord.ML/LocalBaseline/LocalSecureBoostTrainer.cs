using Concord.ML.SecureBoost;

namespace Concord.ML.LocalBaseline;

/// <summary>One party's columns for the LocalBaseline: its id (features are drawn per party from it), training and optional validation rows.</summary>
public sealed record LocalBoostParty(int PartyId, NumericColumns Features, NumericColumns? Validate = null);

/// <summary>
/// What the plaintext SecureBoost produced: the trees (every split names its party, feature, bin and threshold), the
/// base scores, the prediction per output and row, the loss per round, and each party's bins.
/// </summary>
public sealed record LocalBoostFit(
    IReadOnlyList<BoostTree> Trees, double[] BaseScores, double[][] Predictions, IReadOnlyList<double> TrainLoss,
    IReadOnlyList<double> ValidateLoss, int Rounds, IReadOnlyList<BinnedFeatures> Bins);

/// <summary>
/// The LocalBaseline of SecureBoost: gradient boosting in plaintext on the joined parties, in one process, with the
/// same bins (each party's features binned on their own), the same sampling and the same tree grower as the
/// federated run. The federated trees differ from these only where the encoding of the hosts' gradient sums rounds.
/// </summary>
public static class LocalSecureBoostTrainer
{
    /// <param name="parties">The guest first, then the hosts in roster order.</param>
    public static LocalBoostFit Fit(
        IReadOnlyList<LocalBoostParty> parties, double[] labels, SecureBoostOptions options, double[]? validateLabels = null, string labelName = "y")
    {
        options.Validate();
        var objective = new Objective(options);
        objective.CheckLabels(labels, labelName);
        var bins = parties.Select((p, i) => BinnedFeatures.Fit(p.Features, options.MaxBin, i == 0 ? $"guest {p.PartyId}" : $"host {p.PartyId}")).ToList();
        var plain = new PlaintextParties(parties, bins, options);
        var baseScores = objective.InitialScores(labels);
        var start = new BoostStart(
            labels, Constant(baseScores, labels.Length), validateLabels,
            validateLabels is null ? null : Constant(baseScores, validateLabels.Length));
        var outcome = new BoostingLoop(options, plain).RunAsync(start, CancellationToken.None).GetAwaiter().GetResult();
        return new LocalBoostFit(outcome.Trees, baseScores, objective.Predict(outcome.Scores), outcome.TrainLoss, outcome.ValidateLoss, outcome.Rounds, bins);
    }

    internal static double[][] Constant(double[] perOutput, int rows) =>
        [.. perOutput.Select(s => Enumerable.Repeat(s, rows).ToArray())];

    /// <summary>Every party in plaintext: each splits with its own bins, and predicts from its own raw values.</summary>
    private sealed class PlaintextParties(IReadOnlyList<LocalBoostParty> parties, List<BinnedFeatures> bins, SecureBoostOptions options) : IBoostingParties
    {
        public IReadOnlyList<ISplitParty> Splitters { get; } =
            [.. parties.Select((p, i) => new LocalSplitParty(i, p.PartyId, bins[i], options))];

        public Task BeginRoundAsync(int round, QuantizedGradients gradients, int[] rows, CancellationToken ct) => Task.CompletedTask;

        public Task<bool[]> DirectionsAsync(BoostDataset dataset, int party, IReadOnlyList<(SplitRule Rule, int Row)> queries, CancellationToken ct)
        {
            var columns = dataset == BoostDataset.Train
                ? parties[party].Features
                : parties[party].Validate ?? throw new ArgumentException($"party {parties[party].PartyId} has no validation data");
            return Task.FromResult(queries.Select(q => q.Rule.GoesLeft(columns[q.Rule.Feature][q.Row])).ToArray());
        }
    }
}
