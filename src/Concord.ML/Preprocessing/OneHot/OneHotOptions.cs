using Concord.ML.JobParameters;

namespace Concord.ML.Preprocessing.OneHot;

/// <summary>What a category unseen in training does at prediction.</summary>
public enum UnknownCategory
{
    /// <summary>Refuses the table, naming the column and the value.</summary>
    Error,

    /// <summary>Encodes it as all zeros.</summary>
    Ignore,
}

/// <summary>FATE's one_hot_encoder, as options: which of the party's own columns to encode.</summary>
public sealed record OneHotOptions
{
    [Parameter("encode_col", PerParty = true, Description = "the columns to encode; all when unset")]
    public IReadOnlyList<string>? Columns { get; init; }

    [Parameter("handle_unknown", PerParty = true, Description = "a category unseen in training: error refuses the table, ignore encodes it as all zeros")]
    public UnknownCategory HandleUnknown { get; init; } = UnknownCategory.Error;

    [Parameter("max_categories", AtLeast = 2, AtMost = 10_000, Description = "a column with more distinct values is refused as not categorical")]
    public int MaxCategories { get; init; } = OneHotEncoder.DefaultMaxCategories;
}
