namespace Concord.ML.SecureAggregation;

/// <summary>A value or sum too large for the fixed-point ring; the message names the column.</summary>
public sealed class FixedPointOverflowException(string column, string message) : OverflowException(message)
{
    public string Column { get; } = column;
}
