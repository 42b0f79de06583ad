using Concord.Crypto.Paillier;
using Concord.Crypto.Profiling;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.Checkpoints;
using Concord.ML.Linear;
using Concord.ML.Runtime;
using static Concord.ML.HeteroLinear.HeteroLinearProtocol;

namespace Concord.ML.HeteroLinear;

/// <summary>
/// The arbiter of the vertical GLM: it holds the Paillier private key, decrypts each party's packed, masked gradient
/// (it only ever sees gradient + a statistically hiding mask per slot) and the batch loss, and decides convergence each epoch.
/// </summary>
public sealed class HeteroLinearArbiter(FederationContext ctx, HeteroLinearSettings settings, ICheckpoints? checkpoints = null)
{
    private readonly LinearOptions _options = settings.Options;

    /// <summary>Where the arbiter's time went, for the benchmark's breakdown.</summary>
    public PhaseTimer Timings { get; } = new();

    /// <summary>Runs the arbiter's side; returns the loss of each epoch of the last model (empty when no loss is computed).</summary>
    public async Task<IReadOnlyList<double>> RunAsync(CancellationToken ct = default)
    {
        using var timing = Timings.Install();
        var plan = await ctx.Guest.Receive(Plan, ct).ConfigureAwait(false);
        if (plan.Rejection is string reason)
        {
            throw new FederationException($"the guest stopped training: {reason}", ctx.Roster.Guest);
        }
        settings.Validate(ctx.Roster.Hosts.Count);
        var key = PaillierKeyGenerator.Generate(settings.KeyBits, cancellationToken: ct).PrivateKey;
        await DataParties(ctx).Send(PublicKey, key.PublicKey, ct).ConfigureAwait(false);
        var history = new TrainingHistory();

        await foreach (var epoch in ctx.Epochs(_options.MaxIter, checkpoints, [history], plan.Models, ct).ConfigureAwait(false))
        {
            if (epoch.StartsModel)
            {
                history.StartModel();
            }
            var lossSum = 0.0;
            foreach (var batch in epoch.Batches(plan.Batches))
            {
                var decryptions = DataParties(batch).Members.Select(party => DecryptGradientAsync(batch.Group([party]), key, ct)).ToList();
                if (plan.ComputesLoss)
                {
                    var loss = await batch.Guest.Receive(EncryptedLoss.Under(key.PublicKey), ct).ConfigureAwait(false);
                    lossSum += FixedPointScales.Decode(key.PublicKey, key.Decrypt(loss.Loss).ToBigInteger(), 0, loss.Scale);
                }
                await Task.WhenAll(decryptions).ConfigureAwait(false);
            }
            var epochLoss = plan.ComputesLoss ? lossSum / plan.Batches : double.NaN;
            var change = 0.0;
            if (_options.EarlyStop == EarlyStopKind.WeightDiff)
            {
                change = Math.Sqrt((await DataParties(epoch).ReceiveAll(SquaredWeightChange, ct).ConfigureAwait(false)).Sum(v => v.Single()));
            }
            var converged = Convergence.IsConverged(_options.EarlyStop, _options.Tol, epochLoss, history.PreviousLoss, change);
            // The guest's early stopping reaches the hosts through the same verdict, so every party stops after the same epoch.
            var validation = plan.Validates(epoch.Index) ? await epoch.Guest.Receive(ValidationOutcome, ct).ConfigureAwait(false) : new ValidationStatus(false, false);
            history.Losses.Add(epochLoss);
            var verdict = new ConvergenceVerdict(converged || validation.Stop, plan.ComputesLoss ? epochLoss : null, validation.Stop, validation.Best);
            await DataParties(epoch).Send(Verdict, verdict, ct).ConfigureAwait(false);
            epoch.StopIf(verdict.Converged);
        }
        return history.Losses;
    }

    private static PartyGroup DataParties(FederationContext scope) => scope.Group([scope.Roster.Guest, .. scope.Roster.Hosts]);

    /// <summary>One party's masked gradient, decrypted and returned to it: still masked, so the arbiter learns nothing.</summary>
    private static async Task DecryptGradientAsync(PartyGroup party, PaillierPrivateKey key, CancellationToken ct)
    {
        var masked = await party.Receive(MaskedEncryptedGradient.Under(key.PublicKey), ct).ConfigureAwait(false);
        await party.Send(MaskedGradient, [.. masked.Decrypt(key).Select(m => m.ToBigInteger())], ct).ConfigureAwait(false);
    }
}
