using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Crypto.Profiling;
using Concord.Crypto.Vector;
using Concord.Federation;
using Concord.Federation.Parties;
using Concord.ML.Linear;
using Concord.ML.Runtime;

namespace Concord.ML.HeteroLinear;

/// <summary>
/// A data party's own weights and how it updates them: Σ_i Enc(d_i)^{x_ij} per weight with the multi-exponentiation
/// kernel, masked and packed under encryption (<see cref="MaskedGradientPacking"/>) for the arbiter to decrypt, then,
/// from the arbiter's decryption, unmasked and applied by the shared optimizer step.
/// Used by the guest (with the intercept) and by every host; checkpointed with its optimizer memory.
/// </summary>
internal sealed class PartyWeights : IResumable
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly LinearOptions _options;
    private readonly long[][] _exponents;
    private readonly double[] _scales;
    private readonly bool _intercept;
    private Optimizer _optimizer;
    private double[] _epochStart = [];

    public PartyWeights(LinearOptions options, double[][] columns, bool intercept, double[][] initial)
    {
        _options = options;
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
        using var timing = PhaseTimer.Start(Phase.Plaintext);
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

    /// <summary>This party's encrypted gradient over the batch, Σ_i Enc(d_i)^{x_ij} per weight, masked and packed; the masks stay here.</summary>
    public PackedGradient Gradient(CipherVector residual, IReadOnlyList<int> rows)
    {
        var gradients = residual.WeightedSums(
            // A batch of every row is the rows in order (BatchPlan), so the columns are used as they are.
            [.. _exponents.Select(column => rows.Count == column.Length ? column : rows.Select(i => column[i]).ToArray())]);
        var (packed, masks) = MaskedGradientPacking.MaskAndPack(gradients);
        return new PackedGradient(CipherVector.FromCiphertexts(residual.PublicKey, packed), masks, rows.Count);
    }

    /// <summary>Unmasks the arbiter's decryption of <paramref name="gradient"/> and takes the optimizer step.</summary>
    public void Step(Epoch epoch, PackedGradient gradient, IReadOnlyList<BigInteger> decrypted, double residualScale, PartyRef arbiter)
    {
        BigInteger[] unmasked;
        try
        {
            unmasked = MaskedGradientPacking.Unpack(gradient.Masked.PublicKey, decrypted, gradient.Masks);
        }
        catch (ArgumentException ex)
        {
            throw new FederationException(ex.Message, arbiter);
        }
        using var timing = PhaseTimer.Start(Phase.Plaintext);
        var step = new double[Width];
        for (var j = 0; j < Width; j++)
        {
            step[j] = (double)unmasked[j] / (residualScale * _scales[j] * gradient.Rows);
        }
        _optimizer.Step(Weights[epoch.Model], step, epoch.Index);
    }

    /// <summary>Σ(Δw)² of the model's weights over the epoch so far, for the arbiter's weight_diff rule.</summary>
    public double SquaredChange(int model) => WeightChange.Squared(_epochStart, Weights[model]);

    public byte[] Save() => JsonSerializer.SerializeToUtf8Bytes(new Saved([.. Weights.Select(w => (double[])w.Clone())], _optimizer.State), Json);

    public void Restore(byte[] saved)
    {
        var state = JsonSerializer.Deserialize<Saved>(saved, Json) ?? throw new InvalidDataException("the checkpoint holds no weights");
        if (state.Weights.Length != Weights.Length || state.Weights.Any(w => w.Length != Width))
        {
            throw new InvalidDataException($"the checkpoint holds weights of another shape than this party's {Weights.Length}×{Width}");
        }
        for (var k = 0; k < Weights.Length; k++)
        {
            Weights[k] = state.Weights[k];
        }
        if (state.Optimizer is OptimizerState optimizer)
        {
            _optimizer.Restore(optimizer);
        }
    }

    private sealed record Saved(double[][] Weights, OptimizerState? Optimizer);
}

/// <summary>A party's packed, masked encrypted gradient for the arbiter, and the masks that only this party knows.</summary>
internal sealed record PackedGradient(CipherVector Masked, BigInteger[] Masks, int Rows);
