namespace Concord.Crypto.Encoding;

/// <summary>A value too large for the plaintext space, or a decrypted plaintext that an overflow has corrupted.</summary>
public sealed class FixedPointOverflowException(string message) : OverflowException(message);
