using Concord.ML.JobParameters;

namespace Concord.ML.DataTransform;

/// <summary>
/// FATE's DataTransform, as options: which features to keep (all by default, in table order), which to drop,
/// and how to fill missing values. <see cref="FillValue"/> is used with <see cref="MissingFill.Value"/>.
/// </summary>
public sealed record DataTransformOptions
{
    [Parameter("features", PerParty = true, Description = "the feature columns to keep; all when unset")]
    public IReadOnlyList<string>? Features { get; init; }

    [Parameter("exclude", PerParty = true, Description = "feature columns to drop")]
    public IReadOnlyList<string> Exclude { get; init; } = [];

    [Parameter("missing_fill", PerParty = true, Description = "how a missing value is filled: by the column's mean, min or max, or by missing_fill_value")]
    public MissingFill MissingFill { get; init; } = MissingFill.None;

    [Parameter("missing_fill_value", PerParty = true, Description = "the fill value when missing_fill is value")]
    public double FillValue { get; init; }

    /// <summary>When set, the table must carry this label column (FATE's label_name).</summary>
    public string? LabelName { get; init; }

    /// <summary>FATE's label_type: Integer requires whole-number labels (classification) and says which row breaks it.</summary>
    [Parameter("label_type", PerParty = true, Description = "int requires whole-number labels")]
    public ValueType LabelType { get; init; } = ValueType.Real;

    /// <summary>FATE's data_type: Integer rounds every kept feature to the nearest whole number (half away from zero).</summary>
    [Parameter("data_type", PerParty = true, Description = "int rounds every kept feature to a whole number")]
    public ValueType DataType { get; init; } = ValueType.Real;
}

/// <summary>The two numeric types FATE's DataTransform casts to.</summary>
public enum ValueType
{
    [WireName("float")]
    Real,
    [WireName("int")]
    Integer,
}
