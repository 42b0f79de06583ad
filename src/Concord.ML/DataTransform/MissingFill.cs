namespace Concord.ML.DataTransform;

/// <summary>How DataTransform replaces a missing value, from values of the party's own column.</summary>
public enum MissingFill
{
    None,
    Mean,
    Min,
    Max,
    Value,
}
