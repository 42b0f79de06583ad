namespace Concord.ML.SecureAggregation;

/// <summary>A value or sum the fixed-point ring cannot carry; the message names the column and shows the value.</summary>
public sealed class FixedPointOverflowException(string column, string quantity, string message) : OverflowException(message)
{
    public string Column { get; } = column;

    /// <summary>What overflowed: "a value", "Σx", "Σx²"...</summary>
    public string Quantity { get; } = quantity;

    /// <summary>The same problem without the value itself, for telling another party: the value is private.</summary>
    public string Redacted => $"column \"{Column}\": {Quantity} is outside the fixed-point range of a secure sum";
}
