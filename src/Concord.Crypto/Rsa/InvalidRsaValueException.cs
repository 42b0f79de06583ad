using System.Security.Cryptography;

namespace Concord.Crypto.Rsa;

/// <summary>A packed value that no honest party could have sent: ragged, outside 1..n − 1, or a signature that does not verify.</summary>
public sealed class InvalidRsaValueException(string message) : CryptographicException(message);
