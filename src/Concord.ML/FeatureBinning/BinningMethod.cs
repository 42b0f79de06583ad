namespace Concord.ML.FeatureBinning;

/// <summary>How a party cuts its columns into bins.</summary>
public enum BinningMethod
{
    /// <summary>Equal-frequency bins from exact quantiles (<see cref="CutPoints.Quantile"/>).</summary>
    Quantile,
    /// <summary>Equal-width bins between the column's min and max.</summary>
    Bucket,
    /// <summary>Chi-merge of fine quantile bins down to bin_num, guided by the labels: the guest only.</summary>
    Optimal,
}
