namespace Concord.Crypto.Packing;

/// <summary>A packed sum or concatenation that would exceed its headroom or its slots, so the result would be garbled.</summary>
public sealed class PackingOverflowException(string message) : OverflowException(message);
