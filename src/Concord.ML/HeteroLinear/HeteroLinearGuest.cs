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
/// The guest of FATE's arbiter-coordinated vertical GLM. Per batch it adds its plaintext share of the linear predictor
/// (and the labels) to the hosts' encrypted shares under fresh encryption, giving the encrypted residual d
/// (logistic: Taylor 0.25·wx − 0.5·y±; linear: wx − y; Poisson: exp(wx)·exposure − y), sends it to the hosts and
/// updates its own weights like any party. It never sees a host's features, weights or plaintext predictor during
/// training; at the end the hosts send w_h·x_h for the joint prediction, as in FATE.
/// </summary>
public sealed class HeteroLinearGuest(FederationContext ctx, HeteroLinearSettings settings, ICheckpoints? checkpoints = null) : ITrainingRole
{
    private readonly LinearOptions _options = settings.Options;
    private readonly List<double> _losses = [];
    private readonly List<int> _epochs = [];
    private GuestTrainingData _data = null!;
    private PartyWeights _weights = null!;
    private BatchPlan _plan = null!;
    private PaillierPublicKey _key = null!;
    private double[][] _targets = [];
    private bool _computesLoss;

    /// <summary>Where the guest's time went, for the benchmark's breakdown.</summary>
    public PhaseTimer Timings { get; } = new();

    public async Task<HeteroLinearGuestResult> FitAsync(GuestTrainingData data, PartyLinearModel? warmStart = null, CancellationToken ct = default)
    {
        _data = data;
        var others = ctx.Group([.. ctx.Roster.Hosts, ctx.Roster.Arbiter ?? throw new ArgumentException("hetero linear models need an arbiter in the job")]);
        var digests = await ctx.Hosts.ReceiveAll(AlignedIdDigest, ct).ConfigureAwait(false);
        double[] classes;
        try
        {
            settings.Validate(ctx.Roster.Hosts.Count);
            RequireAligned(digests);
            classes = LabelClasses.For(_options.Task, data.Labels, data.LabelName);
            RequireExposure();
            _plan = new BatchPlan(data.Ids.Count, _options.BatchSize, _options.Seed);
        }
        catch (ArgumentException ex)
        {
            await others.Send(Plan, new TrainingPlan(0, 0, false, ResidualScale: 0, ex.Message), ct).ConfigureAwait(false);
            throw;
        }
        var models = Math.Max(classes.Length, 1);
        _targets = [.. Enumerable.Range(0, models).Select(k => LabelClasses.Target(data.Labels, classes, k))];
        _computesLoss = settings.ComputesLoss;
        var initial = PartyLinearModel.InitialWeights(warmStart, _options, data.Features.Names, models, _options.FitIntercept);
        _weights = new PartyWeights(_options, data.Features.Columns, _options.FitIntercept, initial, Timings);
        await others.Send(Plan, new TrainingPlan(models, _plan.Count, _computesLoss, ResidualScale, null, SquaresPerRow: data.SampleWeights is not null), ct).ConfigureAwait(false);
        _key = Crypto.Paillier.PaillierPublicKey.FromBytes(await ctx.Arbiter.Receive(PublicKey, ct).ConfigureAwait(false));

        await EpochLoop.RunAsync(ctx, checkpoints, models, _options.MaxIter, this, ct).ConfigureAwait(false);

        var model = new PartyLinearModel(_options.Task, data.Features.Names, data.Features.Means, data.Features.Scales, _weights.Weights, _options.FitIntercept, classes);
        return new HeteroLinearGuestResult(model, await JointPredictionAsync(models, ct).ConfigureAwait(false), _losses, _epochs);
    }

    /// <summary>4·S·(weight scale) for logistic (d is carried as 4d), S·(weight scale) for linear, S·F for Poisson.</summary>
    private double ResidualScale => _options.Task switch
    {
        LinearTask.Logistic => 4 * FixedPointScales.Predictor * WeightScale,
        LinearTask.Linear => FixedPointScales.Predictor * WeightScale,
        _ => FixedPointScales.Predictor * FixedPointScales.Factor,
    };

    private double WeightScale => _data.SampleWeights is null ? 1 : FixedPointScales.Factor;

    void ITrainingRole.StartModel(int model)
    {
        _weights.StartModel();
        _losses.Clear();
    }

    async Task<ConvergenceVerdict> ITrainingRole.RunEpochAsync(FederationContext epoch, int model, int index, CancellationToken ct)
    {
        _weights.StartEpoch(model);
        for (var b = 0; b < _plan.Count; b++)
        {
            var batch = epoch.Sub($"batch-{b}");
            var rows = _plan[b];
            var own = Timings.Time(Phase.Plaintext, () => _weights.Predictor(model, rows));
            var hosts = await ReceiveVectorsAsync(batch, EncryptedHostPredictor, rows.Count, ct).ConfigureAwait(false);
            var hostSum = Timings.Time(Phase.CiphertextArithmetic, () => hosts.Skip(1).Aggregate(hosts[0], (a, h) => a.Add(h)));
            var weights = SampleWeightExponents(rows);
            var residual = Residual(hostSum, own, rows, _targets[model], weights);
            var residualBytes = Timings.Time(Phase.Serialization, residual.ToBytes);
            await Timings.TimeAsync(Phase.Transport, () => batch.Hosts.Send(EncryptedResidual, residualBytes, ct)).ConfigureAwait(false);
            if (_computesLoss)
            {
                var squared = await SquaredHostPredictorAsync(batch, hosts, rows.Count, weights, ct).ConfigureAwait(false);
                var loss = Timings.Time(Phase.MultiExponentiation, () => GuestLoss.Encrypt(_options.Task, hostSum, squared, own, rows, _targets[model], weights));
                await Timings.TimeAsync(Phase.Transport, () => batch.Arbiter.Send(EncryptedLoss, loss, ct)).ConfigureAwait(false);
            }
            await _weights.UpdateAsync(batch, residual, rows, ResidualScale, model, index, ct).ConfigureAwait(false);
        }
        var verdict = await _weights.FinishEpochAsync(epoch, model, ct).ConfigureAwait(false);
        if (_computesLoss)
        {
            _losses.Add(verdict.Loss ?? double.NaN);
        }
        if (verdict.Converged || index + 1 == _options.MaxIter)
        {
            _epochs.Add(index + 1);
        }
        return verdict;
    }

    TrainingProgress ITrainingRole.Snapshot(int model, int nextEpoch, long epochsRun) =>
        _weights.Snapshot(model, nextEpoch, epochsRun, [.. _losses], [.. _epochs]);

    void ITrainingRole.Restore(TrainingProgress progress)
    {
        _weights.Restore(progress);
        _losses.AddRange(progress.Losses);
        _epochs.AddRange(progress.Epochs);
    }

    /// <summary>
    /// Enc(residual) = Σ_h Enc(u_h) + Enc(fresh, guest share), so no host can strip its own ciphertext off and read
    /// the guest's share. Sample weights multiply the residual (logistic, linear) or enter the Poisson factor.
    /// </summary>
    /// <summary>The batch's sample weights as fixed-point exponents, in batch order; null without sample weights.</summary>
    private long[]? SampleWeightExponents(IReadOnlyList<int> rows) => _data.SampleWeights is double[] sw
        ? [.. rows.Select(i => FixedPointScales.Exponent(sw[i], FixedPointScales.Factor, $"sample weight in row {i}"))]
        : null;

    private CipherVector Residual(CipherVector hostSum, double[] own, IReadOnlyList<int> rows, double[] y, long[]? weights)
    {
        var sw = _data.SampleWeights;
        if (_options.Task == LinearTask.Poisson)
        {
            var factors = new long[rows.Count];
            var shares = new Crypto.Arithmetic.BigNat[rows.Count];
            for (var r = 0; r < rows.Count; r++)
            {
                var i = rows[r];
                var weight = sw?[i] ?? 1;
                factors[r] = FixedPointScales.Exponent(Math.Exp(own[r]) * _data.Exposure![i] * weight, FixedPointScales.Factor, $"exp(w·x)·exposure in row {i}");
                shares[r] = FixedPointScales.Encode(_key, -y[i] * weight, FixedPointScales.Predictor * FixedPointScales.Factor);
            }
            var encryptedShares = Timings.Time(Phase.Encrypt, () => CipherVector.Encrypt(_key, shares));
            return Timings.Time(Phase.CiphertextArithmetic, () => hostSum.Multiply(factors).Add(encryptedShares));
        }
        var plain = new Crypto.Arithmetic.BigNat[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var i = rows[r];
            var share = _options.Task == LinearTask.Logistic ? own[r] - (2 * Residuals.Signed(y[i])) : own[r] - y[i];
            plain[r] = FixedPointScales.Encode(_key, share, FixedPointScales.Predictor);
        }
        var encrypted = Timings.Time(Phase.Encrypt, () => CipherVector.Encrypt(_key, plain));
        return Timings.Time(Phase.CiphertextArithmetic, () =>
        {
            var sum = hostSum.Add(encrypted);
            return weights is null ? sum : sum.Multiply(weights);
        });
    }

    /// <summary>
    /// Enc(Σ w·U²) for the batch: each host's Enc(Σ u_h²) (or per row, weighted here), plus twice each cross term
    /// Σ w·u_h·u_h', which the later host h' computes from the earlier host's Enc(w·u_h) relayed by the guest. A host
    /// sees only ciphertexts under the arbiter's key, and the guest only their encrypted sum.
    /// </summary>
    private async Task<Crypto.Paillier.Ciphertext> SquaredHostPredictorAsync(
        FederationContext batch, IReadOnlyList<CipherVector> hosts, int rows, long[]? weights, CancellationToken ct)
    {
        Crypto.Paillier.Ciphertext squared;
        if (weights is null)
        {
            var sums = await Timings.TimeAsync(Phase.Transport, () => batch.Hosts.ReceiveAll(EncryptedSquaredHostPredictorSum, ct)).ConfigureAwait(false);
            squared = sums.Select((bytes, h) => _key.CiphertextFromBytes(bytes, $"\"{EncryptedSquaredHostPredictorSum.Name}\" from host {ctx.Roster.Hosts[h]}"))
                .Aggregate((a, b) => a.Add(b));
        }
        else
        {
            var squares = await ReceiveVectorsAsync(batch, EncryptedSquaredHostPredictor, rows, ct).ConfigureAwait(false);
            squared = Timings.Time(Phase.MultiExponentiation, () => squares.Select(v => v.WeightedSum(weights)).Aggregate((a, b) => a.Add(b)));
        }
        for (var earlier = 0; earlier < hosts.Count - 1; earlier++)
        {
            var pair = batch.Sub($"cross-{earlier}");
            var peer = weights is null ? hosts[earlier] : Timings.Time(Phase.CiphertextArithmetic, () => hosts[earlier].Multiply(weights));
            var bytes = Timings.Time(Phase.Serialization, peer.ToBytes);
            var later = pair.Group([.. ctx.Roster.Hosts.Skip(earlier + 1)]);
            await Timings.TimeAsync(Phase.Transport, () => later.Send(EncryptedPeerHostPredictor, bytes, ct)).ConfigureAwait(false);
            var products = await Timings.TimeAsync(Phase.Transport, () => later.ReceiveAll(EncryptedCrossHostProduct, ct)).ConfigureAwait(false);
            foreach (var (product, h) in products.Select((p, h) => (p, h)))
            {
                var cross = _key.CiphertextFromBytes(product, $"\"{EncryptedCrossHostProduct.Name}\" from host {later.Members[h]}");
                squared = squared.Add(cross).Add(cross);
            }
        }
        return squared;
    }

    private async Task<IReadOnlyList<CipherVector>> ReceiveVectorsAsync(FederationContext batch, Federation.Messaging.Tag<byte[]> tag, int rows, CancellationToken ct)
    {
        var received = await Timings.TimeAsync(Phase.Transport, () => batch.Hosts.ReceiveAll(tag, ct)).ConfigureAwait(false);
        return Timings.Time(Phase.Serialization, () => received.Select((bytes, h) =>
        {
            var vector = CipherVector.FromBytes(_key, bytes, $"\"{tag.Name}\" from host {ctx.Roster.Hosts[h]}");
            return vector.Count == rows
                ? vector
                : throw new FederationException($"host {ctx.Roster.Hosts[h]} sent {vector.Count} values of \"{tag.Name}\" for a batch of {rows}", ctx.Roster.Hosts[h]);
        }).ToList());
    }

    private void RequireAligned(IReadOnlyList<byte[]> digests)
    {
        var own = AlignedIds.Digest(_data.Ids);
        for (var h = 0; h < digests.Count; h++)
        {
            if (!digests[h].AsSpan().SequenceEqual(own))
            {
                throw new ArgumentException(
                    $"host {ctx.Roster.Hosts[h]}'s rows are not aligned with the guest's (their ordered id lists differ); put a psi component in front of the model");
            }
        }
    }

    private void RequireExposure()
    {
        if (_options.Task == LinearTask.Poisson && _data.Exposure is double[] exposure)
        {
            var bad = Array.FindIndex(exposure, e => !(e > 0) || !double.IsFinite(e));
            if (bad >= 0)
            {
                throw new ArgumentException($"the exposure must be positive; row {bad} has {exposure[bad]}");
            }
        }
        else if (_options.Task == LinearTask.Poisson)
        {
            _data = _data with { Exposure = Enumerable.Repeat(1.0, _data.Ids.Count).ToArray() };
        }
    }

    private async Task<double[][]> JointPredictionAsync(int models, CancellationToken ct)
    {
        var all = Enumerable.Range(0, _data.Ids.Count).ToArray();
        var scores = await ctx.Hosts.ReceiveAll(HostPartialScore, ct).ConfigureAwait(false);
        var predictions = new double[models][];
        for (var k = 0; k < models; k++)
        {
            var wx = _weights.Predictor(k, all);
            foreach (var (score, h) in scores.Select((s, h) => (s, h)))
            {
                if (score.Length != models * all.Length)
                {
                    throw new FederationException($"host {ctx.Roster.Hosts[h]} sent {score.Length} partial scores for {models}×{all.Length}", ctx.Roster.Hosts[h]);
                }
                for (var i = 0; i < all.Length; i++)
                {
                    wx[i] += score[(k * all.Length) + i];
                }
            }
            predictions[k] = [.. wx.Select((z, i) => Residuals.Predict(_options.Task, z, _data.Exposure?[i] ?? 1))];
        }
        return predictions;
    }
}
