using Concord.ML.JobParameters;

namespace Concord.ML.HomoBinning;

/// <summary>FATE's homo feature binning, quantile method: bin_num bins per column with equal shares of the union's rows.</summary>
public sealed record HomoBinningOptions
{
    [Parameter("bin_num", AtLeast = 2, AtMost = 1000, Description = "bins per column: cut k is the union's ceil(k * n / bin_num)-th smallest value")]
    public int BinNum { get; init; } = 10;

    [Parameter("transform_type", PerParty = true, Description = "bin_num replaces each value by its bin index (0-based); none passes the data through")]
    public BinTransform TransformType { get; init; } = BinTransform.BinNum;
}

/// <summary>What a party's output data holds after binning.</summary>
public enum BinTransform
{
    /// <summary>Each value's bin index; a missing value stays missing.</summary>
    BinNum,

    /// <summary>The values unchanged: the cut points are only the model.</summary>
    None,
}
