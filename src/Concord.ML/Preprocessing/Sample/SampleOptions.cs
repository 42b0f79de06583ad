using Concord.ML.JobParameters;

namespace Concord.ML.Preprocessing.Sample;

/// <summary>How new rows of a class are made when it is up-sampled.</summary>
public enum SampleMethod
{
    /// <summary>Rows drawn at random (with replacement above a fraction of 1).</summary>
    Random,

    /// <summary>Up-sampling by interpolating between a row and one of its k nearest neighbours of the same label (horizontal only).</summary>
    Smote,
}

/// <summary>FATE's sample, as options, with fractions per label written label:fraction.</summary>
public sealed record SampleOptions
{
    [Parameter("method", Description = "random; or smote, which makes up-sampled rows by interpolation (hetero_sync false only)")]
    public SampleMethod Method { get; init; } = SampleMethod.Random;

    [Parameter("frac", Above = 0, Description = "the fraction of rows kept (above 1 up-samples, which needs replace); 1 when neither frac nor n is set")]
    public double? Frac { get; init; }

    [Parameter("label_frac", Description = "fractions per label as label:fraction, e.g. [\"0:0.5\", \"1:2\"]; labels not named keep every row")]
    public IReadOnlyList<string>? LabelFrac { get; init; }

    [Parameter("n", AtLeast = 1, Description = "an exact number of rows, instead of frac")]
    public long? N { get; init; }

    [Parameter("replace", Description = "draw with replacement; a row drawn again gets the id id_k (k = 1, 2, ...)")]
    public bool Replace { get; init; }

    [Parameter("k", AtLeast = 1, AtMost = 100, Description = "smote: the nearest neighbours a new row may be drawn towards")]
    public int K { get; init; } = 5;

    [Parameter("random_state", AtLeast = 0, Description = "the seed of the draw; the job's seed when unset")]
    public long? RandomState { get; init; }

    [Parameter("hetero_sync", Description = "vertical jobs: the guest draws and sends the hosts the chosen ids; false samples each party on its own")]
    public bool HeteroSync { get; init; } = true;
}
