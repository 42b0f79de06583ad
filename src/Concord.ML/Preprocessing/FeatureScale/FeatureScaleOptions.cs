using Concord.ML.JobParameters;

namespace Concord.ML.Preprocessing.FeatureScale;

/// <summary>How feature_scale maps a column.</summary>
public enum ScaleMethod
{
    /// <summary>(x − mean) / standard deviation, the population one (as scikit-learn's StandardScaler).</summary>
    Standard,

    /// <summary>The training min and max onto feature_range.</summary>
    MinMax,
}

/// <summary>FATE's feature_scale, as options; each party scales its own columns with statistics of its own rows.</summary>
[ParameterGroup("feature_range", Description = "min_max: the range the training min and max map onto (FATE's [min, max])")]
public sealed record FeatureScaleOptions
{
    [Parameter("method")]
    public ScaleMethod Method { get; init; } = ScaleMethod.Standard;

    [Parameter("scale_col", PerParty = true, Description = "the columns to scale; all when unset")]
    public IReadOnlyList<string>? ScaleColumns { get; init; }

    [Parameter("min", Group = "feature_range")]
    public double RangeMin { get; init; }

    [Parameter("max", Group = "feature_range")]
    public double RangeMax { get; init; } = 1;

    [Parameter("strict_range", Description = "min_max: clip values outside the training range (new rows at prediction) into feature_range")]
    public bool StrictRange { get; init; } = true;
}
