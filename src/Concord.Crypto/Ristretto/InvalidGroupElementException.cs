namespace Concord.Crypto.Ristretto;

/// <summary>Bytes that should encode a ristretto255 group element do not; a peer sent garbage or was tampered with.</summary>
public sealed class InvalidGroupElementException(string message) : Exception(message);
