namespace Concord.ML.DataTransform;

/// <summary>
/// FATE's DataTransform, as options: which features to keep (all by default, in table order), which to drop,
/// and how to fill missing values. <see cref="FillValue"/> is used with <see cref="MissingFill.Value"/>.
/// </summary>
public sealed record DataTransformOptions
{
    public IReadOnlyList<string>? Features { get; init; }

    public IReadOnlyList<string> Exclude { get; init; } = [];

    public MissingFill MissingFill { get; init; } = MissingFill.None;

    public double FillValue { get; init; }

    /// <summary>When set, the table must carry this label column (FATE's label_name).</summary>
    public string? LabelName { get; init; }

    /// <summary>FATE's label_type: Integer requires whole-number labels (classification) and says which row breaks it.</summary>
    public ValueType LabelType { get; init; } = ValueType.Real;

    /// <summary>FATE's data_type: Integer rounds every kept feature to the nearest whole number (half away from zero).</summary>
    public ValueType DataType { get; init; } = ValueType.Real;
}

/// <summary>The two numeric types FATE's DataTransform casts to.</summary>
public enum ValueType
{
    Real,
    Integer,
}
