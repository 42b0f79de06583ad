using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.Linear;
using Concord.ML.LocalBaseline;
using static Concord.ML.HeteroLinear.HeteroLinearProtocol;

namespace Concord.ML.HeteroLinear;

/// <summary>The guest's side of new rows to score: ids aligned with the hosts' (after PSI), its feature columns, and Poisson's exposure if any.</summary>
public sealed record GuestPredictionData(IReadOnlyList<string> Ids, NumericColumns Columns, double[]? Exposure = null);

/// <summary>A host's side of new rows to score: ids aligned with the guest's, and its feature columns.</summary>
public sealed record HostPredictionData(IReadOnlyList<string> Ids, NumericColumns Columns);

/// <summary>
/// Scoring new rows with a trained vertical linear model, as FATE's hetero LR predicts: each host computes w_h·x_h
/// on its own columns and sends it to the guest, which adds its own w·x and intercept and applies the link. The guest
/// learns w_h·x_h per row, as it does at the end of training; a host receives only a go or a refusal, never an id,
/// feature, score or label of the guest. No arbiter and no encryption take part.
/// Every check (columns, alignment, shares of one training, the same hosts) runs before any score moves, and a
/// refusal reaches every party in one line naming the party and the column.
/// </summary>
public static class HeteroLinearPrediction
{
    public static async Task HostAsync(FederationContext ctx, PartyLinearModel model, HostPredictionData data, CancellationToken ct = default)
    {
        PreparedFeatures? features = null;
        string? rejection = null;
        try
        {
            features = model.Prepare(data.Columns, $"party {ctx.Self}");
        }
        catch (ArgumentException ex)
        {
            rejection = ex.Message;
        }
        var readiness = new HostReadiness(AlignedIds.Digest(data.Ids), model.Task, model.Weights.Length, rejection);
        await ctx.Guest.Send(PredictionReadiness, readiness, ct).ConfigureAwait(false);
        var plan = await ctx.Guest.Receive(PredictPlan, ct).ConfigureAwait(false);
        if (rejection is not null)
        {
            throw new ArgumentException(rejection);
        }
        if (plan.Rejection is string reason)
        {
            throw new FederationException($"the guest stopped prediction: {reason}", ctx.Roster.Guest);
        }
        double[] scores = [.. model.Weights.SelectMany(w => Predictor(features!, w, data.Ids.Count))];
        await ctx.Guest.Send(HostPartialScore, scores, ct).ConfigureAwait(false);
    }

    /// <returns>Per binary model and row: P(y = 1), the fitted value, or the Poisson mean.</returns>
    public static async Task<double[][]> GuestAsync(FederationContext ctx, PartyLinearModel model, GuestPredictionData data, CancellationToken ct = default)
    {
        var hosts = await ctx.Hosts.ReceiveAll(PredictionReadiness, ct).ConfigureAwait(false);
        PreparedFeatures features;
        try
        {
            RequireReady(ctx, model, hosts);
            AlignedIds.Require(data.Ids, [.. hosts.Select(h => h.IdDigest)], ctx.Roster.Hosts);
            features = model.Prepare(data.Columns, $"party {ctx.Self}");
        }
        catch (ArgumentException ex)
        {
            await ctx.Hosts.Send(PredictPlan, new PredictionPlan(ex.Message), ct).ConfigureAwait(false);
            throw;
        }
        await ctx.Hosts.Send(PredictPlan, new PredictionPlan(null), ct).ConfigureAwait(false);
        var scores = await ctx.Hosts.ReceiveAll(HostPartialScore, ct).ConfigureAwait(false);
        double[][] own = [.. model.Weights.Select(w => Predictor(features, w, data.Ids.Count))];
        return JointPrediction.Combine(model.Task, own, scores, ctx.Roster.Hosts, data.Exposure);
    }

    // The row count comes from the ids: a party whose every column was constant in training keeps no column here.
    private static double[] Predictor(PreparedFeatures features, double[] weights, int rows) =>
        LocalLinearTrainer.LinearPredictor(features.Columns, weights, rows);

    /// <summary>Each host can score, holds a share of the same model, and the hosts are the ones the model was trained with.</summary>
    private static void RequireReady(FederationContext ctx, PartyLinearModel model, IReadOnlyList<HostReadiness> hosts)
    {
        var ids = ctx.Roster.Hosts;
        for (var h = 0; h < hosts.Count; h++)
        {
            if (hosts[h].Rejection is string reason)
            {
                throw new ArgumentException(reason.StartsWith($"party {ids[h]}", StringComparison.Ordinal) ? reason : $"party {ids[h]}: {reason}");
            }
            if (hosts[h].Task != model.Task || hosts[h].Models != model.Weights.Length)
            {
                throw new ArgumentException(
                    $"party {ids[h]}'s share of the model is {hosts[h].Task} with {hosts[h].Models} binary model(s), the guest's {model.Task} with {model.Weights.Length}: the shares come from different trainings");
            }
        }
        if (model.Hosts is int[] trained && !trained.SequenceEqual(ctx.Roster.HostIds))
        {
            throw new ArgumentException(
                $"the model was trained with hosts {string.Join(", ", trained)}, and this job's hosts are {string.Join(", ", ctx.Roster.HostIds)}; predict with the parties that trained it");
        }
    }
}
