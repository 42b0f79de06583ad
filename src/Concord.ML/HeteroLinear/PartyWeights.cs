using System.Numerics;
using Concord.Crypto.Vector;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.Linear;
using Concord.ML.Profiling;
using static Concord.ML.HeteroLinear.HeteroLinearProtocol;

namespace Concord.ML.HeteroLinear;

/// <summary>
/// A data party's own weights and how it updates them: Σ_i Enc(d_i)^{x_ij} per weight with the multi-exponentiation
/// kernel, masked and packed under encryption (<see cref="MaskedGradientPacking"/>), the arbiter's decryption unpacked and
/// unmasked, then the shared optimizer step.
/// Used by the guest (with the intercept) and by every host.
/// </summary>
internal sealed class PartyWeights
{
    private readonly LinearOptions _options;
    private readonly long[][] _exponents;
    private readonly double[] _scales;
    private readonly bool _intercept;
    private readonly PhaseTimer _timer;
    private Optimizer _optimizer;
    private double[] _epochStart = [];

    public PartyWeights(LinearOptions options, double[][] columns, bool intercept, double[][] initial, PhaseTimer timer)
    {
        _options = options;
        _timer = timer;
        _intercept = intercept;
        Columns = columns;
        Weights = initial;
        var rows = columns.Length == 0 ? 0 : columns[0].Length;
        _scales = [.. columns.Select(c => FixedPointScales.FeatureScale(c)), .. intercept ? new[] { 1.0 } : []];
        _exponents = [.. columns.Select((c, j) => c.Select(x => FixedPointScales.Exponent(x, _scales[j], $"feature {j}")).ToArray())];
        if (intercept)
        {
            _exponents = [.. _exponents, Enumerable.Repeat(1L, rows).ToArray()];
        }
        _optimizer = new Optimizer(options, Width, intercept);
    }

    public double[][] Columns { get; }

    public double[][] Weights { get; }

    private int Width => Columns.Length + (_intercept ? 1 : 0);

    public void StartModel() => _optimizer = new Optimizer(_options, Width, _intercept);

    public void StartEpoch(int model) => _epochStart = (double[])Weights[model].Clone();

    /// <summary>w·x over the given rows, with the intercept when this party holds it.</summary>
    public double[] Predictor(int model, IReadOnlyList<int> rows)
    {
        var w = Weights[model];
        var u = new double[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var sum = _intercept ? w[^1] : 0;
            for (var j = 0; j < Columns.Length; j++)
            {
                sum += w[j] * Columns[j][rows[r]];
            }
            u[r] = sum;
        }
        return u;
    }

    /// <summary>Computes this party's masked encrypted gradient, has the arbiter decrypt it, unmasks it and steps.</summary>
    public async Task UpdateAsync(FederationContext batch, CipherVector residual, IReadOnlyList<int> rows, double residualScale, int model, int epoch, CancellationToken ct)
    {
        var key = residual.PublicKey;
        var gradients = _timer.Time(Phase.MultiExponentiation, () => residual.WeightedSums(
            // A batch of every row is the rows in order (BatchPlan), so the columns are used as they are.
            [.. _exponents.Select(column => rows.Count == column.Length ? column : rows.Select(i => column[i]).ToArray())]));
        var (packed, masks) = _timer.Time(Phase.CiphertextArithmetic, () => MaskedGradientPacking.MaskAndPack(gradients));
        var bytes = _timer.Time(Phase.Serialization, () => CipherVector.FromCiphertexts(key, packed).ToBytes());
        await _timer.TimeAsync(Phase.Transport, () => batch.Arbiter.Send(MaskedEncryptedGradient, bytes, ct)).ConfigureAwait(false);
        var decrypted = await _timer.TimeAsync(Phase.Transport, () => batch.Arbiter.Receive(MaskedGradient, ct)).ConfigureAwait(false);
        BigInteger[] unmasked;
        try
        {
            unmasked = MaskedGradientPacking.Unpack(key, decrypted, masks);
        }
        catch (ArgumentException ex)
        {
            throw new FederationException(ex.Message, batch.Roster.Arbiter!.Value);
        }
        var gradient = new double[Width];
        for (var j = 0; j < Width; j++)
        {
            gradient[j] = (double)unmasked[j] / (residualScale * _scales[j] * rows.Count);
        }
        _optimizer.Step(Weights[model], gradient, epoch);
    }

    /// <summary>Under weight_diff, tells the arbiter Σ(Δw)² over this epoch; then hears the verdict.</summary>
    public async Task<ConvergenceVerdict> FinishEpochAsync(FederationContext epoch, int model, CancellationToken ct)
    {
        if (_options.EarlyStop == EarlyStopKind.WeightDiff)
        {
            await _timer.TimeAsync(Phase.Transport, () => epoch.Arbiter.Send(SquaredWeightChange, [WeightChange.Squared(_epochStart, Weights[model])], ct)).ConfigureAwait(false);
        }
        return await _timer.TimeAsync(Phase.Transport, () => epoch.Arbiter.Receive(Verdict, ct)).ConfigureAwait(false);
    }

    public TrainingProgress Snapshot(int model, int nextEpoch, long epochsRun, List<double> losses, List<int> epochs) =>
        new(model, nextEpoch, epochsRun, double.NaN, [.. Weights.Select(w => (double[])w.Clone())], _optimizer.State, losses, epochs);

    public void Restore(TrainingProgress progress)
    {
        if (progress.Weights.Length != Weights.Length || progress.Weights.Any(w => w.Length != Width))
        {
            throw new InvalidDataException($"the checkpoint holds weights of another shape than this party's {Weights.Length}×{Width}");
        }
        for (var k = 0; k < Weights.Length; k++)
        {
            Weights[k] = progress.Weights[k];
        }
        if (progress.NextEpoch > 0 && progress.Optimizer is OptimizerState state)
        {
            _optimizer.Restore(state);
        }
    }
}
