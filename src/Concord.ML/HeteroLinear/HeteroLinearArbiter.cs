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
/// The arbiter of the vertical GLM: it holds the Paillier private key, decrypts each party's packed, masked gradient
/// (it only ever sees gradient + a statistically hiding mask per slot) and the batch loss, and decides convergence each epoch.
/// </summary>
public sealed class HeteroLinearArbiter(FederationContext ctx, HeteroLinearSettings settings, ICheckpoints? checkpoints = null) : ITrainingRole
{
    private readonly LinearOptions _options = settings.Options;
    private PaillierPrivateKey _key = null!;
    private TrainingPlan _plan = null!;
    private readonly List<double> _losses = [];
    private double _previousLoss = double.NaN;

    /// <summary>Where the arbiter's time went, for the benchmark's breakdown.</summary>
    public PhaseTimer Timings { get; } = new();

    /// <summary>Runs the arbiter's side; returns the loss of each epoch of the last model (empty when no loss is computed).</summary>
    public async Task<IReadOnlyList<double>> RunAsync(CancellationToken ct = default)
    {
        _plan = await ctx.Guest.Receive(Plan, ct).ConfigureAwait(false);
        if (_plan.Rejection is string reason)
        {
            throw new FederationException($"the guest stopped training: {reason}", ctx.Roster.Guest);
        }
        settings.Validate(ctx.Roster.Hosts.Count);
        _key = Timings.Time("key_generation", () => PaillierKeyGenerator.Generate(settings.KeyBits, cancellationToken: ct).PrivateKey);
        await DataParties(ctx).Send(PublicKey, _key.PublicKey.ToBytes(), ct).ConfigureAwait(false);
        await EpochLoop.RunAsync(ctx, checkpoints, _plan.Models, _options.MaxIter, this, ct).ConfigureAwait(false);
        return [.. _losses];
    }

    private static PartyGroup DataParties(FederationContext scope) => scope.Group([scope.Roster.Guest, .. scope.Roster.Hosts]);

    void ITrainingRole.StartModel(int model)
    {
        _previousLoss = double.NaN;
        _losses.Clear();
    }

    async Task<ConvergenceVerdict> ITrainingRole.RunEpochAsync(FederationContext epoch, int model, int index, CancellationToken ct)
    {
        var lossSum = 0.0;
        for (var b = 0; b < _plan.Batches; b++)
        {
            var batch = epoch.Sub($"batch-{b}");
            var decryptions = DataParties(batch).Members.Select(party => DecryptGradientAsync(batch.Group([party]), ct)).ToList();
            if (_plan.ComputesLoss)
            {
                var loss = await Timings.TimeAsync(Phase.Transport, () => batch.Guest.Receive(EncryptedLoss, ct)).ConfigureAwait(false);
                var ciphertext = _key.PublicKey.CiphertextFromBytes(loss.Ciphertext, $"\"{EncryptedLoss.Name}\"");
                lossSum += Timings.Time(Phase.Decrypt, () => FixedPointScales.Decode(_key.PublicKey, _key.Decrypt(ciphertext).ToBigInteger(), 0, loss.Scale));
            }
            await Task.WhenAll(decryptions).ConfigureAwait(false);
        }
        var epochLoss = _plan.ComputesLoss ? lossSum / _plan.Batches : double.NaN;
        var change = 0.0;
        if (_options.EarlyStop == EarlyStopKind.WeightDiff)
        {
            change = Math.Sqrt((await DataParties(epoch).ReceiveAll(SquaredWeightChange, ct).ConfigureAwait(false)).Sum(v => v.Single()));
        }
        var converged = Convergence.IsConverged(_options.EarlyStop, _options.Tol, epochLoss, _previousLoss, change);
        _previousLoss = epochLoss;
        _losses.Add(epochLoss);
        var verdict = new ConvergenceVerdict(converged, _plan.ComputesLoss ? epochLoss : null);
        await DataParties(epoch).Send(Verdict, verdict, ct).ConfigureAwait(false);
        return verdict;
    }

    TrainingProgress ITrainingRole.Snapshot(int model, int nextEpoch, long epochsRun) =>
        new(model, nextEpoch, epochsRun, _previousLoss, [], null, [.. _losses], []);

    void ITrainingRole.Restore(TrainingProgress progress)
    {
        _previousLoss = progress.PreviousLoss;
        _losses.AddRange(progress.Losses);
    }

    private async Task DecryptGradientAsync(PartyGroup party, CancellationToken ct)
    {
        var bytes = await Timings.TimeAsync(Phase.Transport, () => party.Receive(MaskedEncryptedGradient, ct)).ConfigureAwait(false);
        var masked = Timings.Time(Phase.Serialization, () => CipherVector.FromBytes(_key.PublicKey, bytes, $"\"{MaskedEncryptedGradient.Name}\" from {party.Members[0]}"));
        var plain = Timings.Time(Phase.Decrypt, () => masked.Decrypt(_key).Select(m => m.ToBigInteger()).ToArray());
        await Timings.TimeAsync(Phase.Transport, () => party.Send(MaskedGradient, plain, ct)).ConfigureAwait(false);
    }
}
