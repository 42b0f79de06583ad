using Concord.ML.JobParameters;

namespace Concord.ML.Preprocessing.Imputation;

/// <summary>How a missing value is replaced, from the party's own training column.</summary>
public enum ImputeMethod
{
    Mean,
    Median,

    /// <summary>The most frequent value; the smallest of those tied.</summary>
    Mode,

    /// <summary>A constant: designated_fill_value.</summary>
    [WireName("designated")]
    Constant,
}

/// <summary>FATE's feature_imputation, as options: one method for every chosen column, overridden per column.</summary>
public sealed record ImputationOptions
{
    [Parameter("missing_fill_method", PerParty = true, Description = "mean, median, mode, or designated (designated_fill_value)")]
    public ImputeMethod Method { get; init; } = ImputeMethod.Constant;

    [Parameter("col_missing_fill_method", PerParty = true, Description = "per-column methods as column:method, e.g. [x0:median, x3:designated]")]
    public IReadOnlyList<string>? ColumnMethods { get; init; }

    [Parameter("designated_fill_value", PerParty = true, Description = "the fill value of designated")]
    public double DefaultValue { get; init; }

    [Parameter("imputation_col", PerParty = true, Description = "the columns to impute; all when unset")]
    public IReadOnlyList<string>? Columns { get; init; }
}
