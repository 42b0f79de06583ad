namespace Concord.ML.Horizontal;

/// <summary>
/// Optional for an <see cref="ILocalModel"/>: how its local training samples rows, known before it trains, so that a
/// DP-SGD noise multiplier can be calibrated to a target ε up front. (After training, <see cref="LocalTrainingReport"/>
/// tells what was actually spent.)
/// </summary>
public interface IStepSchedule
{
    /// <summary>q: batch size over row count.</summary>
    double SamplingRate { get; }

    /// <summary>Optimizer steps in one local epoch.</summary>
    int StepsPerEpoch { get; }
}
