using Concord.ML.JobParameters;

namespace Concord.ML.FeatureBinning;

/// <summary>
/// FATE's HeteroFeatureBinning, as options. Each party cuts its own columns with its own method and bin_num; the
/// guest's labels decide the WOE and IV of every party's bins. Optimal binning needs the labels, so only the guest
/// may use it.
/// </summary>
public sealed record FeatureBinningOptions
{
    [Parameter("method", PerParty = true, Description = "quantile (equal frequency), bucket (equal width), or optimal (chi-merge of fine quantile bins; guest only)")]
    public BinningMethod Method { get; init; } = BinningMethod.Quantile;

    [Parameter("bin_num", AtLeast = 2, AtMost = 250, PerParty = true, Description = "the most value bins per column (missing values get a bin of their own)")]
    public int BinNum { get; init; } = 10;

    [Parameter("optimal_init_bins", AtLeast = 2, AtMost = 250, PerParty = true, Description = "how many quantile bins optimal binning starts from before merging")]
    public int OptimalInitBins { get; init; } = 100;

    [Parameter("columns", PerParty = true, Description = "the feature columns to bin; all when unset")]
    public IReadOnlyList<string>? Columns { get; init; }

    [Parameter("transform_method", PerParty = true, Description = "what replaces a binned value in the output data: none, woe (binary labels) or bin_idx")]
    public TransformMethod TransformMethod { get; init; } = TransformMethod.None;

    [Parameter("transform_columns", PerParty = true, Description = "the binned columns to transform; all binned columns when unset")]
    public IReadOnlyList<string>? TransformColumns { get; init; }

    [Parameter("multi_class", Description = "one-vs-rest WOE and IV per label class; otherwise the label must be 0/1")]
    public bool MultiClass { get; init; }

    [Parameter("key_bits", AtLeast = 1024, AtMost = 4096, Description = "the Paillier modulus size of the guest's label encryption")]
    public int KeyBits { get; init; } = 1024;
}
