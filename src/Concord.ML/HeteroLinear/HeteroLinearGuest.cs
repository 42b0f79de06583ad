using Concord.Crypto.Arithmetic;
using Concord.Crypto.Paillier;
using Concord.Crypto.Profiling;
using Concord.Crypto.Vector;
using Concord.Federation.Context;
using Concord.ML.Checkpoints;
using Concord.ML.Linear;
using Concord.ML.Runtime;
using Concord.ML.Validation;
using static Concord.ML.HeteroLinear.HeteroLinearProtocol;

namespace Concord.ML.HeteroLinear;

/// <summary>
/// The guest of FATE's arbiter-coordinated vertical GLM. Per batch it adds its plaintext share of the linear predictor
/// (and the labels) to the hosts' encrypted shares under fresh encryption, giving the encrypted residual d
/// (logistic: Taylor 0.25·wx − 0.5·y±; linear: wx − y; Poisson: exp(wx)·exposure − y), sends it to the hosts and
/// updates its own weights like any party. It never sees a host's features, weights or plaintext predictor during
/// training; at the end the hosts send w_h·x_h for the joint prediction, as in FATE.
/// </summary>
public sealed class HeteroLinearGuest(FederationContext ctx, HeteroLinearSettings settings, ICheckpoints? checkpoints = null)
{
    private readonly LinearOptions _options = settings.Options;

    /// <summary>Where the guest's time went, for the benchmark's breakdown.</summary>
    public PhaseTimer Timings { get; } = new();

    public async Task<HeteroLinearGuestResult> FitAsync(GuestTrainingData data, PartyLinearModel? warmStart = null, CancellationToken ct = default)
    {
        using var timing = Timings.Install();
        var others = ctx.Group([.. ctx.Roster.Hosts, ctx.Roster.Arbiter ?? throw new ArgumentException("hetero linear models need an arbiter in the job")]);
        var digests = await ctx.Hosts.ReceiveAll(AlignedIdDigest, ct).ConfigureAwait(false);
        var validationDigests = data.Validation is null ? null : await ctx.Hosts.ReceiveAll(ValidationIdDigest, ct).ConfigureAwait(false);
        double[] classes;
        BatchPlan plan;
        try
        {
            settings.Validate(ctx.Roster.Hosts.Count);
            AlignedIds.Require(data.Ids, digests, ctx.Roster.Hosts);
            classes = LabelClasses.For(_options.Task, data.Labels, data.LabelName);
            if (data.Validation is { } rows)
            {
                GuestValidation.Check(rows, validationDigests!, ctx.Roster.Hosts, _options.Task, classes, data.LabelName);
            }
            data = WithExposure(data);
            plan = new BatchPlan(data.Ids.Count, _options.BatchSize, _options.Seed);
        }
        catch (ArgumentException ex)
        {
            await others.Send(Plan, new TrainingPlan(0, 0, false, ResidualScale: 0, ex.Message), ct).ConfigureAwait(false);
            throw;
        }
        var models = Math.Max(classes.Length, 1);
        double[][] targets = [.. Enumerable.Range(0, models).Select(k => LabelClasses.Target(data.Labels, classes, k))];
        var computesLoss = settings.ComputesLoss;
        var residualScale = ResidualScale(data);
        var initial = PartyLinearModel.InitialWeights(warmStart, _options, data.Features.Names, models, _options.FitIntercept);
        var weights = new PartyWeights(_options, data.Features.Columns, _options.FitIntercept, initial);
        var history = new TrainingHistory();
        var validation = data.Validation is { } v ? new GuestValidation(settings, v, classes) : null;
        var training = new TrainingPlan(models, plan.Count, computesLoss, residualScale, null, SquaresPerRow: data.SampleWeights is not null,
            ValidationFreqs: validation is null ? 0 : settings.Validating.ValidationFreqs, KeepsBest: validation is not null && settings.Validating.EarlyStopping);
        await others.Send(Plan, training, ct).ConfigureAwait(false);
        var key = await ctx.Arbiter.Receive(PublicKey, ct).ConfigureAwait(false);

        await foreach (var epoch in ctx.Epochs(_options.MaxIter, checkpoints, [weights, history, .. validation?.State ?? []], models, ct).ConfigureAwait(false))
        {
            if (epoch.StartsModel)
            {
                weights.StartModel();
                history.StartModel();
            }
            weights.StartEpoch(epoch.Model);
            foreach (var batch in epoch.Batches(plan.Count))
            {
                var rows = plan[batch.Index];
                var own = weights.Predictor(epoch.Model, rows);
                var hosts = await batch.Hosts.ReceiveAll(EncryptedHostPredictor.Under(key, count: rows.Count), ct).ConfigureAwait(false);
                var hostSum = hosts.Skip(1).Aggregate(hosts[0], (a, h) => a.Add(h));
                var sampleWeights = SampleWeightExponents(data, rows);
                var residual = Residual(data, key, hostSum, own, rows, targets[epoch.Model], sampleWeights);
                await batch.Hosts.Send(EncryptedResidual, residual, ct).ConfigureAwait(false);
                if (computesLoss)
                {
                    var squared = await SquaredHostPredictorAsync(batch, key, hosts, rows.Count, sampleWeights, ct).ConfigureAwait(false);
                    var loss = GuestLoss.Encrypt(_options.Task, hostSum, squared, own, rows, targets[epoch.Model], sampleWeights);
                    await batch.Arbiter.Send(EncryptedLoss, loss, ct).ConfigureAwait(false);
                }
                var gradient = weights.Gradient(residual, rows);
                await batch.Arbiter.Send(MaskedEncryptedGradient, gradient.Masked, ct).ConfigureAwait(false);
                var decrypted = await batch.Arbiter.Receive(MaskedGradient, ct).ConfigureAwait(false);
                weights.Step(epoch, gradient, decrypted, residualScale, ctx.Roster.Arbiter!.Value);
            }
            if (_options.EarlyStop == EarlyStopKind.WeightDiff)
            {
                await epoch.Arbiter.Send(SquaredWeightChange, [weights.SquaredChange(epoch.Model)], ct).ConfigureAwait(false);
            }
            if (training.Validates(epoch.Index))
            {
                await validation!.ValidateAsync(epoch, weights, ctx.Roster.Hosts, ct).ConfigureAwait(false);
            }
            var verdict = await epoch.Arbiter.Receive(Verdict, ct).ConfigureAwait(false);
            if (computesLoss)
            {
                history.Losses.Add(verdict.Loss ?? double.NaN);
            }
            if (verdict.Converged || epoch.IsLast)
            {
                history.Epochs.Add(epoch.Index + 1);
                history.Converged.Add(verdict.Converged);
            }
            epoch.StopIf(verdict.Converged);
        }

        if (training.KeepsBest)
        {
            KeepBest(weights, validation!.Best, models);
        }
        var model = new PartyLinearModel(_options.Task, data.Features.Names, data.Features.Means, data.Features.Scales, weights.Weights, _options.FitIntercept, classes,
            data.Features.InputNames, [.. ctx.Roster.HostIds]);
        return new HeteroLinearGuestResult(model, await JointPredictionAsync(data, weights, models, ct).ConfigureAwait(false), history.Losses, history.Epochs, history.Converged,
            validation?.Curve.Points ?? [], training.KeepsBest ? validation!.BestEpochs(models) : []);
    }

    /// <summary>Ends every model with the share of its best validation, as FATE does when early stopping is on.</summary>
    internal static void KeepBest(PartyWeights weights, BestModel<double[]> best, int models)
    {
        for (var k = 0; k < models; k++)
        {
            if (best.Of(k) is double[] kept)
            {
                weights.Weights[k] = kept;
            }
        }
    }

    /// <summary>4·S·(weight scale) for logistic (d is carried as 4d), S·(weight scale) for linear, S·F for Poisson.</summary>
    private double ResidualScale(GuestTrainingData data)
    {
        var weightScale = data.SampleWeights is null ? 1 : FixedPointScales.Factor;
        return _options.Task switch
        {
            LinearTask.Logistic => 4 * FixedPointScales.Predictor * weightScale,
            LinearTask.Linear => FixedPointScales.Predictor * weightScale,
            _ => FixedPointScales.Predictor * FixedPointScales.Factor,
        };
    }

    /// <summary>The batch's sample weights as fixed-point exponents, in batch order; null without sample weights.</summary>
    private static long[]? SampleWeightExponents(GuestTrainingData data, IReadOnlyList<int> rows) => data.SampleWeights is double[] sw
        ? [.. rows.Select(i => FixedPointScales.Exponent(sw[i], FixedPointScales.Factor, $"sample weight in row {i}"))]
        : null;

    /// <summary>
    /// Enc(residual) = Σ_h Enc(u_h) + Enc(fresh, guest share), so no host can strip its own ciphertext off and read
    /// the guest's share. Sample weights multiply the residual (logistic, linear) or enter the Poisson factor.
    /// </summary>
    private CipherVector Residual(GuestTrainingData data, PaillierPublicKey key, CipherVector hostSum, double[] own, IReadOnlyList<int> rows, double[] y, long[]? weights)
    {
        var sw = data.SampleWeights;
        if (_options.Task == LinearTask.Poisson)
        {
            var factors = new long[rows.Count];
            var shares = new BigNat[rows.Count];
            for (var r = 0; r < rows.Count; r++)
            {
                var i = rows[r];
                var weight = sw?[i] ?? 1;
                factors[r] = FixedPointScales.Exponent(Math.Exp(own[r]) * data.Exposure![i] * weight, FixedPointScales.Factor, $"exp(w·x)·exposure in row {i}");
                shares[r] = FixedPointScales.Encode(key, -y[i] * weight, FixedPointScales.Predictor * FixedPointScales.Factor);
            }
            return hostSum.Multiply(factors).Add(CipherVector.Encrypt(key, shares));
        }
        var plain = new BigNat[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var i = rows[r];
            var share = _options.Task == LinearTask.Logistic ? own[r] - (2 * Residuals.Signed(y[i])) : own[r] - y[i];
            plain[r] = FixedPointScales.Encode(key, share, FixedPointScales.Predictor);
        }
        var sum = hostSum.Add(CipherVector.Encrypt(key, plain));
        return weights is null ? sum : sum.Multiply(weights);
    }

    /// <summary>
    /// Enc(Σ w·U²) for the batch: each host's Enc(Σ u_h²) (or per row, weighted here), plus twice each cross term
    /// Σ w·u_h·u_h', which the later host h' computes from the earlier host's Enc(w·u_h) relayed by the guest. A host
    /// sees only ciphertexts under the arbiter's key, and the guest only their encrypted sum.
    /// </summary>
    private async Task<Ciphertext> SquaredHostPredictorAsync(
        Batch batch, PaillierPublicKey key, IReadOnlyList<CipherVector> hosts, int rows, long[]? weights, CancellationToken ct)
    {
        Ciphertext squared;
        if (weights is null)
        {
            var sums = await batch.Hosts.ReceiveAll(EncryptedSquaredHostPredictorSum.Under(key), ct).ConfigureAwait(false);
            squared = sums.Aggregate((a, b) => a.Add(b));
        }
        else
        {
            var squares = await batch.Hosts.ReceiveAll(EncryptedSquaredHostPredictor.Under(key, count: rows), ct).ConfigureAwait(false);
            squared = squares.Select(v => v.WeightedSum(weights)).Aggregate((a, b) => a.Add(b));
        }
        for (var earlier = 0; earlier < hosts.Count - 1; earlier++)
        {
            var pair = CrossTerms(batch, earlier);
            var later = pair.Group([.. ctx.Roster.Hosts.Skip(earlier + 1)]);
            await later.Send(EncryptedPeerHostPredictor, weights is null ? hosts[earlier] : hosts[earlier].Multiply(weights), ct).ConfigureAwait(false);
            foreach (var cross in await later.ReceiveAll(EncryptedCrossHostProduct.Under(key), ct).ConfigureAwait(false))
            {
                squared = squared.Add(cross).Add(cross);
            }
        }
        return squared;
    }

    /// <summary>Poisson's exposure, checked positive, or 1 for every row when none is given.</summary>
    private GuestTrainingData WithExposure(GuestTrainingData data)
    {
        if (_options.Task != LinearTask.Poisson)
        {
            return data;
        }
        if (data.Exposure is not double[] exposure)
        {
            return data with { Exposure = Enumerable.Repeat(1.0, data.Ids.Count).ToArray() };
        }
        var bad = Array.FindIndex(exposure, e => !(e > 0) || !double.IsFinite(e));
        return bad < 0 ? data : throw new ArgumentException($"the exposure must be positive; row {bad} has {exposure[bad]}");
    }

    private async Task<double[][]> JointPredictionAsync(GuestTrainingData data, PartyWeights weights, int models, CancellationToken ct)
    {
        var all = Enumerable.Range(0, data.Ids.Count).ToArray();
        var scores = await ctx.Hosts.ReceiveAll(HostPartialScore, ct).ConfigureAwait(false);
        double[][] own = [.. Enumerable.Range(0, models).Select(k => weights.Predictor(k, all))];
        return JointPrediction.Combine(_options.Task, own, scores, ctx.Roster.Hosts, data.Exposure);
    }
}
