using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.Checkpoints;
using Concord.ML.Linear;
using Concord.ML.Profiling;
using static Concord.ML.HeteroLinear.HeteroLinearProtocol;

namespace Concord.ML.HeteroLinear;

/// <summary>
/// A host of the vertical GLM: per batch it sends Enc(w_h·x_h) (Enc(exp(w_h·x_h)) for Poisson, and the loss terms of
/// <see cref="SendLossTermsAsync"/> when the loss is computed), receives the encrypted residual, and updates its
/// weights through a masked gradient.
/// It never receives labels, residuals or the guest's features in plaintext. After training it sends w_h·x_h per row
/// for the guest's joint prediction.
/// </summary>
public sealed class HeteroLinearHost(FederationContext ctx, HeteroLinearSettings settings, ICheckpoints? checkpoints = null) : ITrainingRole
{
    private readonly LinearOptions _options = settings.Options;
    private PartyWeights _weights = null!;
    private BatchPlan _plan = null!;
    private TrainingPlan _training = null!;
    private PaillierPublicKey _key = null!;

    /// <summary>Where this host's time went, for the benchmark's breakdown.</summary>
    public PhaseTimer Timings { get; } = new();

    public async Task<PartyLinearModel> FitAsync(HostTrainingData data, PartyLinearModel? warmStart = null, CancellationToken ct = default)
    {
        await ctx.Guest.Send(AlignedIdDigest, AlignedIds.Digest(data.Ids), ct).ConfigureAwait(false);
        _training = await ctx.Guest.Receive(Plan, ct).ConfigureAwait(false);
        if (_training.Rejection is string reason)
        {
            throw new FederationException($"the guest stopped training: {reason}", ctx.Roster.Guest);
        }
        settings.Validate(ctx.Roster.Hosts.Count);
        _plan = new BatchPlan(data.Ids.Count, _options.BatchSize, _options.Seed);
        if (_plan.Count != _training.Batches)
        {
            throw new FederationException($"the guest plans {_training.Batches} batches per epoch, this host {_plan.Count}: the parties' batch_size or seed differ", ctx.Roster.Guest);
        }
        var initial = PartyLinearModel.InitialWeights(warmStart, _options, data.Features.Names, _training.Models, intercept: false);
        _weights = new PartyWeights(_options, data.Features.Columns, intercept: false, initial, Timings);
        _key = Crypto.Paillier.PaillierPublicKey.FromBytes(await ctx.Arbiter.Receive(PublicKey, ct).ConfigureAwait(false));

        await EpochLoop.RunAsync(ctx, checkpoints, _training.Models, _options.MaxIter, this, ct).ConfigureAwait(false);

        var all = Enumerable.Range(0, data.Ids.Count).ToArray();
        double[] scores = [.. Enumerable.Range(0, _training.Models).SelectMany(k => _weights.Predictor(k, all))];
        await ctx.Guest.Send(HostPartialScore, scores, ct).ConfigureAwait(false);
        return new PartyLinearModel(_options.Task, data.Features.Names, data.Features.Means, data.Features.Scales, _weights.Weights, false, []);
    }

    void ITrainingRole.StartModel(int model) => _weights.StartModel();

    async Task<ConvergenceVerdict> ITrainingRole.RunEpochAsync(FederationContext epoch, int model, int index, CancellationToken ct)
    {
        _weights.StartEpoch(model);
        for (var b = 0; b < _plan.Count; b++)
        {
            var batch = epoch.Sub($"batch-{b}");
            var rows = _plan[b];
            var u = Timings.Time(Phase.Plaintext, () => _weights.Predictor(model, rows));
            var share = _options.Task == LinearTask.Poisson ? u.Select(Math.Exp) : u;
            var predictor = Encrypt(share, FixedPointScales.Predictor);
            await Timings.TimeAsync(Phase.Transport, () => batch.Guest.Send(EncryptedHostPredictor, predictor, ct)).ConfigureAwait(false);
            if (_training.ComputesLoss)
            {
                await SendLossTermsAsync(batch, u, ct).ConfigureAwait(false);
            }
            var received = await Timings.TimeAsync(Phase.Transport, () => batch.Guest.Receive(EncryptedResidual, ct)).ConfigureAwait(false);
            var residual = Timings.Time(Phase.Serialization, () => CipherVector.FromBytes(_key, received, $"\"{EncryptedResidual.Name}\""));
            if (residual.Count != rows.Count)
            {
                throw new FederationException($"the guest sent {residual.Count} residuals for a batch of {rows.Count}", ctx.Roster.Guest);
            }
            await _weights.UpdateAsync(batch, residual, rows, _training.ResidualScale, model, index, ct).ConfigureAwait(false);
        }
        return await _weights.FinishEpochAsync(epoch, model, ct).ConfigureAwait(false);
    }

    TrainingProgress ITrainingRole.Snapshot(int model, int nextEpoch, long epochsRun) => _weights.Snapshot(model, nextEpoch, epochsRun, [], []);

    void ITrainingRole.Restore(TrainingProgress progress) => _weights.Restore(progress);

    /// <summary>
    /// What the guest's loss needs from this host: Enc(Σ u²) (per row when the guest weights samples), and for each
    /// earlier host h the cross term Enc(Σ u_h·u) from that host's encrypted predictor, which the guest relays.
    /// </summary>
    private async Task SendLossTermsAsync(FederationContext batch, double[] u, CancellationToken ct)
    {
        const double squareScale = FixedPointScales.Predictor * FixedPointScales.Predictor;
        if (_training.SquaresPerRow)
        {
            var squares = Encrypt(u.Select(v => v * v), squareScale);
            await Timings.TimeAsync(Phase.Transport, () => batch.Guest.Send(EncryptedSquaredHostPredictor, squares, ct)).ConfigureAwait(false);
        }
        else
        {
            var sum = Timings.Time(Phase.Encrypt, () => _key.Encrypt(FixedPointScales.Encode(_key, u.Sum(v => v * v), squareScale)).ToBytes());
            await Timings.TimeAsync(Phase.Transport, () => batch.Guest.Send(EncryptedSquaredHostPredictorSum, sum, ct)).ConfigureAwait(false);
        }
        var self = ctx.Roster.Hosts.ToList().IndexOf(ctx.Self);
        if (self == 0)
        {
            return;
        }
        long[] exponents = [.. u.Select((v, r) => FixedPointScales.Exponent(v, FixedPointScales.Predictor, $"w·x of batch row {r}"))];
        for (var earlier = 0; earlier < self; earlier++)
        {
            var pair = batch.Sub($"cross-{earlier}");
            var received = await Timings.TimeAsync(Phase.Transport, () => pair.Guest.Receive(EncryptedPeerHostPredictor, ct)).ConfigureAwait(false);
            var peer = Timings.Time(Phase.Serialization, () => CipherVector.FromBytes(_key, received, $"\"{EncryptedPeerHostPredictor.Name}\""));
            if (peer.Count != u.Length)
            {
                throw new FederationException($"the guest relayed {peer.Count} predictors of host {ctx.Roster.Hosts[earlier]} for a batch of {u.Length}", ctx.Roster.Guest);
            }
            var product = Timings.Time(Phase.MultiExponentiation, () => peer.WeightedSum(exponents).ToBytes());
            await Timings.TimeAsync(Phase.Transport, () => pair.Guest.Send(EncryptedCrossHostProduct, product, ct)).ConfigureAwait(false);
        }
    }

    private byte[] Encrypt(IEnumerable<double> values, double scale)
    {
        var encrypted = Timings.Time(Phase.Encrypt, () => CipherVector.Encrypt(_key, [.. values.Select(v => FixedPointScales.Encode(_key, v, scale))]));
        return Timings.Time(Phase.Serialization, encrypted.ToBytes);
    }
}
