using Concord.ML.JobParameters;

namespace Concord.ML.Stability;

/// <summary>FATE's PSI component, as options: how many quantile bins of the expected table each column is cut into.</summary>
public sealed record StabilityOptions
{
    public const int MaxBins = 1000;

    [Parameter("bin_num", AtLeast = 2, AtMost = MaxBins, Description = "quantile bins cut from the expected table, per column")]
    public int BinNum { get; init; } = 10;
}
