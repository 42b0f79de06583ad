using Concord.Crypto.Arithmetic;
using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.Checkpoints;
using Concord.ML.Linear;
using static Concord.ML.HeteroLinear.HeteroLinearProtocol;

namespace Concord.ML.HeteroLinear;

/// <summary>
/// A host of the vertical GLM: per batch it sends Enc(w_h·x_h) (Enc(exp(w_h·x_h)) for Poisson, and Enc((w_h·x_h)²)
/// when the loss is computed), receives the encrypted residual, and updates its weights through a masked gradient.
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
        _weights = new PartyWeights(_options, data.Features.Columns, intercept: false, initial);
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
            var u = _weights.Predictor(model, rows);
            var share = _options.Task == LinearTask.Poisson ? u.Select(Math.Exp) : u;
            await batch.Guest.Send(EncryptedHostPredictor, Encrypt(share, FixedPointScales.Predictor), ct).ConfigureAwait(false);
            if (_training.ComputesLoss)
            {
                await batch.Guest.Send(EncryptedSquaredHostPredictor, Encrypt(u.Select(v => v * v), FixedPointScales.Predictor * FixedPointScales.Predictor), ct).ConfigureAwait(false);
            }
            var residual = CipherVector.FromBytes(_key, await batch.Guest.Receive(EncryptedResidual, ct).ConfigureAwait(false), $"\"{EncryptedResidual.Name}\"");
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

    private byte[] Encrypt(IEnumerable<double> values, double scale) =>
        CipherVector.Encrypt(_key, [.. values.Select(v => FixedPointScales.Encode(_key, v, scale))]).ToBytes();
}
