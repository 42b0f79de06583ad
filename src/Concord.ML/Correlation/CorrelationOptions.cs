using Concord.ML.JobParameters;

namespace Concord.ML.Correlation;

/// <summary>
/// FATE's hetero_feature_correlation, as options. The guest always learns its own block and its cross blocks with every
/// host (host columns anonymous); a host learns its own block, and its cross block only when the job asks.
/// </summary>
public sealed record CorrelationOptions
{
    [Parameter("method", Description = "pearson on the values, or spearman: pearson on each column's ranks (ties share their average rank)")]
    public CorrelationMethod Method { get; init; } = CorrelationMethod.Pearson;

    [Parameter("key_bits", AtLeast = 1024, AtMost = 4096, Description = "size of the guest's Paillier key that encrypts its standardised columns")]
    public int KeyBits { get; init; } = 1024;

    [Parameter("host_learns_cross", Description = "also open each host's cross correlations with the guest's (anonymous) columns to that host")]
    public bool HostLearnsCross { get; init; }

    [Parameter("vif", Description = "each party's variance inflation factors on its own columns, computed locally")]
    public bool Vif { get; init; } = true;
}

public enum CorrelationMethod
{
    Pearson,
    Spearman,
}
