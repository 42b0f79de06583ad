using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.Prediction;
using Concord.ML.Runtime;
using static Concord.ML.SecureBoost.SecureBoostProtocol;

namespace Concord.ML.SecureBoost;

/// <summary>A party's side of new rows to score with a SecureBoost model: ids aligned with the other parties' (after PSI), and its feature columns.</summary>
public sealed record BoostPredictionRows(IReadOnlyList<string> Ids, NumericColumns Columns);

/// <summary>
/// Scoring new rows with a trained SecureBoost model, as FATE's hetero SecureBoost predicts: the guest walks every tree
/// for every row one layer at a time, deciding its own splits itself and asking each host, in one query per layer,
/// which way the rows at that host's nodes go. A host answers from its lookup table with one bit per (split id, row),
/// never a threshold or a feature; it sees only which of its own splits each row is asked about, never a guest split,
/// a leaf weight, a score or a label. Every check runs before any row is asked about.
/// </summary>
public static class SecureBoostPrediction
{
    /// <summary>What the guest's trees need each host's share to be.</summary>
    private const string Share = "a SecureBoost lookup table";

    public static async Task HostAsync(FederationContext ctx, HostLookupTable table, BoostPredictionRows rows, CancellationToken ct = default)
    {
        var columns = await PredictionHandshake.HostAsync(ctx, rows.Ids, Share, () => ModelColumns.Require(rows.Columns, table.Features, $"party {ctx.Self}"), ct).ConfigureAwait(false);
        var splits = table.Splits.ToDictionary(s => s.Id);
        foreach (var step in ctx.Steps())
        {
            var command = await step.Guest.Receive(Command, ct).ConfigureAwait(false);
            if (command.Kind == HostCommandKind.Finish)
            {
                return;
            }
            if (command.Kind != HostCommandKind.Predict || command.Dataset != BoostDataset.New)
            {
                throw new FederationException($"party {ctx.Self}: the guest sent a {command.Kind} command for the {command.Dataset} rows while predicting", ctx.Roster.Guest);
            }
            byte[] answer;
            try
            {
                answer = HostDirections.Answer(splits, command, columns);
            }
            catch (InvalidDataException ex)
            {
                throw new FederationException($"party {ctx.Self}: the guest's query cannot be used: {ex.Message}", ctx.Roster.Guest, ex);
            }
            await step.Guest.Send(Directions, answer, ct).ConfigureAwait(false);
        }
    }

    /// <returns>Per output and row: P(y = 1), each class's probability, or the regression value.</returns>
    public static async Task<double[][]> GuestAsync(FederationContext ctx, SecureBoostModel model, BoostPredictionRows rows, CancellationToken ct = default)
    {
        var columns = await PredictionHandshake.GuestAsync(ctx, rows.Ids, Share, model.HostParties, () =>
        {
            RequireTreesFit(ctx, model);
            return ModelColumns.Require(rows.Columns, model.GuestFeatures, $"party {ctx.Self}");
        }, ct).ConfigureAwait(false);

        var channels = ctx.Roster.Hosts.Select(h => new HostChannel(ctx, h)).ToList();
        var scores = await TreeWalker.ScoresAsync(model.Trees, model.BaseScores, rows.Ids.Count, (party, queries, c) => party == 0
            ? TreeWalker.OwnDirections(columns, queries)
            : channels[party - 1].DirectionsAsync(BoostDataset.New, queries, c), ct).ConfigureAwait(false);
        await Task.WhenAll(channels.Select(c => c.FinishAsync(new HostCommand(HostCommandKind.Finish), ct))).ConfigureAwait(false);
        return new Objective(new SecureBoostOptions { Objective = model.Objective, NumClasses = model.NumClasses }).Predict(scores);
    }

    /// <summary>The trees refer to no party beyond the job's hosts (a model edited or from another job).</summary>
    private static void RequireTreesFit(FederationContext ctx, SecureBoostModel model)
    {
        var parties = model.Trees.SelectMany(t => t.Nodes).Select(n => n.Split?.Party ?? 0).DefaultIfEmpty(0).Max();
        if (parties > ctx.Roster.HostIds.Count)
        {
            throw new ArgumentException($"the model's trees refer to party {parties}, and the job has {ctx.Roster.HostIds.Count} host(s)");
        }
    }
}
