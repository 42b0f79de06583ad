using Concord.ML.JobParameters;

namespace Concord.ML.FeatureSelection;

/// <summary>
/// FATE 2.x's hetero feature selection, as options. Every filter that is set must keep a column for it to survive;
/// keep_col overrides the filters and filter_out_col overrides everything. The statistic filters and the manual
/// lists are each party's own, on its own columns; the IV filters are the guest's, over every party's columns.
/// </summary>
public sealed record SelectionOptions
{
    [Parameter("keep_col", PerParty = true, Description = "this party's columns kept whatever the filters say")]
    public IReadOnlyList<string> KeepCol { get; init; } = [];

    [Parameter("filter_out_col", PerParty = true, Description = "this party's columns dropped whatever the filters say")]
    public IReadOnlyList<string> FilterOutCol { get; init; } = [];

    [Parameter("missing_ratio_max", AtLeast = 0, AtMost = 1, PerParty = true, Description = "drop a column whose share of missing values is above this")]
    public double? MissingRatioMax { get; init; }

    [Parameter("variance_min", AtLeast = 0, PerParty = true, Description = "drop a column whose sample variance is below this")]
    public double? VarianceMin { get; init; }

    [Parameter("unique_count_min", AtLeast = 1, PerParty = true, Description = "drop a column with fewer distinct present values than this")]
    public int? UniqueCountMin { get; init; }

    [Parameter("coefficient_of_variation_min", AtLeast = 0, PerParty = true, Description = "drop a column whose std / |mean| is below this (a zero mean counts as infinite)")]
    public double? CoefficientOfVariationMin { get; init; }

    [Parameter("iv_threshold", AtLeast = 0, Description = "guest: drop a column, at any party, whose IV (from binning_model) is below this")]
    public double? IvThreshold { get; init; }

    [Parameter("iv_top_k", AtLeast = 1, Description = "guest: keep only the k columns of highest IV over all parties (ties in the binning summary's order)")]
    public int? IvTopK { get; init; }

    /// <summary>Whether an IV filter is set, which needs a binning model.</summary>
    public bool FiltersByIv => IvThreshold is not null || IvTopK is not null;
}
