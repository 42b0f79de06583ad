using Concord.ML.JobParameters;

namespace Concord.ML.FeatureBinning;

/// <summary>What the binning component writes in place of a binned column's value (FATE's transform_method).</summary>
public enum TransformMethod
{
    /// <summary>The data passes through unchanged.</summary>
    None,
    /// <summary>The value is replaced by its bin's weight of evidence (binary labels only).</summary>
    Woe,
    /// <summary>The value is replaced by its bin's index; missing values by the missing bin's index.</summary>
    [WireName("bin_idx")]
    BinIndex,
}
