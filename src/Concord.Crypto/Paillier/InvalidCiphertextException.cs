using System.Security.Cryptography;

namespace Concord.Crypto.Paillier;

/// <summary>A ciphertext that no encryption under the key could have produced: out of range, or sharing a factor with n.</summary>
public sealed class InvalidCiphertextException(string message) : CryptographicException(message);
