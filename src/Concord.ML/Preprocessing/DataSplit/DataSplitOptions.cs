using Concord.ML.JobParameters;

namespace Concord.ML.Preprocessing.DataSplit;

/// <summary>
/// FATE's data_split, as options. Each size is a fraction of the rows when every size given is at most 1, else a
/// count of rows (see <see cref="SplitSizes"/>); a size left unset takes what the others leave.
/// </summary>
public sealed record DataSplitOptions
{
    [Parameter("train_size", AtLeast = 0, Description = "the train set: a fraction (at most 1) or a count of rows; unset, it takes what the others leave")]
    public double? TrainSize { get; init; }

    [Parameter("validate_size", AtLeast = 0, Description = "the validate set: a fraction or a count of rows")]
    public double? ValidateSize { get; init; }

    [Parameter("test_size", AtLeast = 0, Description = "the test set: a fraction or a count of rows")]
    public double? TestSize { get; init; }

    [Parameter("stratified", Description = "split each label class in the same proportions (needs the guest's label)")]
    public bool Stratified { get; init; }

    [Parameter("shuffle", Description = "order rows by a keyed hash of their id before cutting; false cuts in id order")]
    public bool Shuffle { get; init; } = true;

    [Parameter("random_state", AtLeast = 0, Description = "the key of the row order; the job's seed when unset")]
    public long? RandomState { get; init; }

    [Parameter("hetero_sync", Description = "vertical jobs: every party's rows land in the same split; false splits each party on its own (horizontal)")]
    public bool HeteroSync { get; init; } = true;
}
