using Concord.Crypto.Privacy;
using Concord.ML.Runtime;

namespace Concord.ML.Horizontal;

/// <summary>What differential privacy has cost so far: ε at δ after each round, by the RDP accountant.</summary>
public sealed record PrivacyReport(string Mode, double NoiseMultiplier, double ClipNorm, double Delta, double Epsilon, double[] EpsilonByRound);

/// <summary>
/// One party's privacy spending over a training run: each round adds its sampled-Gaussian steps to an
/// <see cref="RdpAccountant"/>, and ε at the job's δ is recorded after every round.
/// </summary>
public sealed class PrivacyLedger(DpSettings settings, double noiseMultiplier)
{
    private readonly RdpAccountant _accountant = new();
    private readonly List<double> _byRound = [];

    public double NoiseMultiplier => noiseMultiplier;

    public double Epsilon => _accountant.Epsilon(settings.Delta).Epsilon;

    /// <summary>Records a round: <paramref name="steps"/> mechanism applications at sampling rate <paramref name="samplingRate"/> (none for a round this party sat out).</summary>
    public void Spend(double samplingRate, long steps)
    {
        if (steps > 0)
        {
            _accountant.Compose(samplingRate, noiseMultiplier, steps);
        }
        _byRound.Add(Epsilon);
    }

    public PrivacyReport Report() => new(
        settings.Mode == DpMode.DpSgd ? "dp_sgd" : "central", noiseMultiplier, settings.ClipNorm, settings.Delta, Epsilon, [.. _byRound]);

    public LedgerState Save() => new([.. _accountant.Spent], [.. _byRound]);

    /// <summary>This ledger as a piece of the role's checkpoint.</summary>
    public IResumable AsResumable() => new ResumableValue<LedgerState>(Save, Restore);

    public void Restore(LedgerState state)
    {
        _accountant.Restore(state.Rdp);
        _byRound.Clear();
        _byRound.AddRange(state.EpsilonByRound);
    }

    /// <summary>σ from the settings, or calibrated so that <paramref name="composeAll"/>'s whole run spends at most the target ε.</summary>
    public static double NoiseFor(DpSettings settings, Action<RdpAccountant, double> composeAll) =>
        settings.NoiseMultiplier ?? RdpAccountant.CalibrateNoise(composeAll, settings.TargetEpsilon!.Value, settings.Delta);
}

public sealed record LedgerState(double[] Rdp, double[] EpsilonByRound);
