using Concord.Crypto.Paillier;
using Concord.Crypto.Profiling;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.Checkpoints;
using Concord.ML.Linear;
using Concord.ML.LocalBaseline;
using Concord.ML.Runtime;
using Concord.ML.Validation;
using static Concord.ML.HeteroLinear.HeteroLinearProtocol;

namespace Concord.ML.HeteroLinear;

/// <summary>
/// A host of the vertical GLM: per batch it sends Enc(w_h·x_h) (Enc(exp(w_h·x_h)) for Poisson, and the loss terms of
/// <see cref="SendLossTermsAsync"/> when the loss is computed), receives the encrypted residual, and updates its
/// weights through a masked gradient that the arbiter decrypts.
/// It never receives labels, residuals or the guest's features in plaintext. After training it sends w_h·x_h per row
/// for the guest's joint prediction.
/// </summary>
public sealed class HeteroLinearHost(FederationContext ctx, HeteroLinearSettings settings, ICheckpoints? checkpoints = null)
{
    private readonly LinearOptions _options = settings.Options;

    /// <summary>Where this host's time went, for the benchmark's breakdown.</summary>
    public PhaseTimer Timings { get; } = new();

    public async Task<PartyLinearModel> FitAsync(HostTrainingData data, PartyLinearModel? warmStart = null, CancellationToken ct = default)
    {
        using var timing = Timings.Install();
        await ctx.Guest.Send(AlignedIdDigest, AlignedIds.Digest(data.Ids), ct).ConfigureAwait(false);
        if (data.Validation is { } validationRows)
        {
            await ctx.Guest.Send(ValidationIdDigest, AlignedIds.Digest(validationRows.Ids), ct).ConfigureAwait(false);
        }
        var training = await ctx.Guest.Receive(Plan, ct).ConfigureAwait(false);
        if (training.Rejection is string reason)
        {
            throw new FederationException($"the guest stopped training: {reason}", ctx.Roster.Guest);
        }
        if (training.ValidationFreqs > 0 && data.Validation is null)
        {
            throw new FederationException("the guest validates on validate_data, and this host has none", ctx.Roster.Guest);
        }
        settings.Validate(ctx.Roster.Hosts.Count);
        var plan = new BatchPlan(data.Ids.Count, _options.BatchSize, _options.Seed);
        if (plan.Count != training.Batches)
        {
            throw new FederationException($"the guest plans {training.Batches} batches per epoch, this host {plan.Count}: the parties' batch_size or seed differ", ctx.Roster.Guest);
        }
        var initial = PartyLinearModel.InitialWeights(warmStart, _options, data.Features.Names, training.Models, intercept: false);
        var weights = new PartyWeights(_options, data.Features.Columns, intercept: false, initial);
        var key = await ctx.Arbiter.Receive(PublicKey, ct).ConfigureAwait(false);
        var best = new BestModel<double[]>();

        await foreach (var epoch in ctx.Epochs(_options.MaxIter, checkpoints, [weights, .. training.KeepsBest ? [best] : Array.Empty<IResumable>()], training.Models, ct).ConfigureAwait(false))
        {
            if (epoch.StartsModel)
            {
                weights.StartModel();
            }
            weights.StartEpoch(epoch.Model);
            foreach (var batch in epoch.Batches(plan.Count))
            {
                var rows = plan[batch.Index];
                var u = weights.Predictor(epoch.Model, rows);
                var share = _options.Task == LinearTask.Poisson ? u.Select(Math.Exp) : u;
                await batch.Guest.Send(EncryptedHostPredictor, Encrypt(key, share, FixedPointScales.Predictor), ct).ConfigureAwait(false);
                if (training.ComputesLoss)
                {
                    await SendLossTermsAsync(batch, key, u, training.SquaresPerRow, ct).ConfigureAwait(false);
                }
                var residual = await batch.Guest.Receive(EncryptedResidual.Under(key, count: rows.Count), ct).ConfigureAwait(false);
                var gradient = weights.Gradient(residual, rows);
                await batch.Arbiter.Send(MaskedEncryptedGradient, gradient.Masked, ct).ConfigureAwait(false);
                var decrypted = await batch.Arbiter.Receive(MaskedGradient, ct).ConfigureAwait(false);
                weights.Step(epoch, gradient, decrypted, training.ResidualScale, ctx.Roster.Arbiter!.Value);
            }
            if (_options.EarlyStop == EarlyStopKind.WeightDiff)
            {
                await epoch.Arbiter.Send(SquaredWeightChange, [weights.SquaredChange(epoch.Model)], ct).ConfigureAwait(false);
            }
            if (training.Validates(epoch.Index))
            {
                var validation = data.Validation!;
                var partial = LocalLinearTrainer.LinearPredictor(validation.Features.Columns, weights.Weights[epoch.Model], validation.Ids.Count);
                await epoch.Guest.Send(ValidationPartialScore, partial, ct).ConfigureAwait(false);
            }
            var verdict = await epoch.Arbiter.Receive(Verdict, ct).ConfigureAwait(false);
            if (verdict.Best && training.KeepsBest)
            {
                best.Keep(epoch.Model, (double[])weights.Weights[epoch.Model].Clone());
            }
            epoch.StopIf(verdict.Converged);
        }
        if (training.KeepsBest)
        {
            HeteroLinearGuest.KeepBest(weights, best, training.Models);
        }

        var all = Enumerable.Range(0, data.Ids.Count).ToArray();
        double[] scores = [.. Enumerable.Range(0, training.Models).SelectMany(k => weights.Predictor(k, all))];
        await ctx.Guest.Send(HostPartialScore, scores, ct).ConfigureAwait(false);
        return new PartyLinearModel(_options.Task, data.Features.Names, data.Features.Means, data.Features.Scales, weights.Weights, false, [], data.Features.InputNames);
    }

    /// <summary>
    /// What the guest's loss needs from this host: Enc(Σ u²) (per row when the guest weights samples), and for each
    /// earlier host h the cross term Enc(Σ u_h·u) from that host's encrypted predictor, which the guest relays.
    /// </summary>
    private async Task SendLossTermsAsync(Batch batch, PaillierPublicKey key, double[] u, bool squaresPerRow, CancellationToken ct)
    {
        const double squareScale = FixedPointScales.Predictor * FixedPointScales.Predictor;
        if (squaresPerRow)
        {
            await batch.Guest.Send(EncryptedSquaredHostPredictor, Encrypt(key, u.Select(v => v * v), squareScale), ct).ConfigureAwait(false);
        }
        else
        {
            var sum = key.Encrypt(FixedPointScales.Encode(key, u.Sum(v => v * v), squareScale));
            await batch.Guest.Send(EncryptedSquaredHostPredictorSum, sum, ct).ConfigureAwait(false);
        }
        var self = ctx.Roster.Hosts.ToList().IndexOf(ctx.Self);
        if (self == 0)
        {
            return;
        }
        long[] exponents = [.. u.Select((v, r) => FixedPointScales.Exponent(v, FixedPointScales.Predictor, $"w·x of batch row {r}"))];
        for (var earlier = 0; earlier < self; earlier++)
        {
            var pair = CrossTerms(batch, earlier);
            var peer = await pair.Guest.Receive(EncryptedPeerHostPredictor.Under(key, count: u.Length), ct).ConfigureAwait(false);
            await pair.Guest.Send(EncryptedCrossHostProduct, peer.WeightedSum(exponents), ct).ConfigureAwait(false);
        }
    }

    private static Crypto.Vector.CipherVector Encrypt(PaillierPublicKey key, IEnumerable<double> values, double scale) =>
        Crypto.Vector.CipherVector.Encrypt(key, [.. values.Select(v => FixedPointScales.Encode(key, v, scale))]);
}
