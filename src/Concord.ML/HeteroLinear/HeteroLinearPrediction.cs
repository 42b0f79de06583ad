using Concord.Federation.Context;
using Concord.ML.Linear;
using Concord.ML.LocalBaseline;
using Concord.ML.Prediction;
using static Concord.ML.HeteroLinear.HeteroLinearProtocol;

namespace Concord.ML.HeteroLinear;

/// <summary>The guest's side of new rows to score: ids aligned with the hosts' (after PSI), its feature columns, and Poisson's exposure if any.</summary>
public sealed record GuestPredictionData(IReadOnlyList<string> Ids, NumericColumns Columns, double[]? Exposure = null);

/// <summary>A host's side of new rows to score: ids aligned with the guest's, and its feature columns.</summary>
public sealed record HostPredictionData(IReadOnlyList<string> Ids, NumericColumns Columns);

/// <summary>
/// Scoring new rows with a trained vertical linear model, as FATE's hetero LR predicts: after the checks of
/// <see cref="PredictionHandshake"/>, each host computes w_h·x_h on its own columns and sends it to the guest, which
/// adds its own w·x and intercept and applies the link. The guest learns w_h·x_h per row, as it does at the end of
/// training; a host receives only a go or a refusal, never an id, feature, score or label of the guest. No arbiter and
/// no encryption take part.
/// </summary>
public static class HeteroLinearPrediction
{
    public static async Task HostAsync(FederationContext ctx, PartyLinearModel model, HostPredictionData data, CancellationToken ct = default)
    {
        var features = await PredictionHandshake.HostAsync(ctx, data.Ids, Share(model), () => model.Prepare(data.Columns, $"party {ctx.Self}"), ct).ConfigureAwait(false);
        double[] scores = [.. model.Weights.SelectMany(w => Predictor(features, w, data.Ids.Count))];
        await ctx.Guest.Send(HostPartialScore, scores, ct).ConfigureAwait(false);
    }

    /// <returns>Per binary model and row: P(y = 1), the fitted value, or the Poisson mean.</returns>
    public static async Task<double[][]> GuestAsync(FederationContext ctx, PartyLinearModel model, GuestPredictionData data, CancellationToken ct = default)
    {
        var features = await PredictionHandshake.GuestAsync(ctx, data.Ids, Share(model), model.Hosts, () => model.Prepare(data.Columns, $"party {ctx.Self}"), ct).ConfigureAwait(false);
        var scores = await ctx.Hosts.ReceiveAll(HostPartialScore, ct).ConfigureAwait(false);
        double[][] own = [.. model.Weights.Select(w => Predictor(features, w, data.Ids.Count))];
        return JointPrediction.Combine(model.Task, own, scores, ctx.Roster.Hosts, data.Exposure);
    }

    /// <summary>What every party's share of one training has in common: the task and the number of binary models.</summary>
    private static string Share(PartyLinearModel model) => $"{model.Task} with {model.Weights.Length} binary model(s)";

    // The row count comes from the ids: a party whose every column was constant in training keeps no column here.
    private static double[] Predictor(PreparedFeatures features, double[] weights, int rows) =>
        LocalLinearTrainer.LinearPredictor(features.Columns, weights, rows);
}
