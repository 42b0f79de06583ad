using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Concord.Crypto.KeyAgreement;

/// <summary>
/// The 32-byte seed two parties share after ECDH: HKDF-SHA256 over the raw shared secret, with an info string
/// that binds the job, the scope (component) and both party names. The names are put in ordinal order, so
/// both ends build the same info and derive the same seed, and no seed can be replayed into another job,
/// component or pair.
/// </summary>
public static class PairwiseSeed
{
    public const int Length = 32;

    private const string Domain = "concord/pairwise-seed/v1";

    public static byte[] Derive(EcdhKeyPair own, string ownParty, ReadOnlySpan<byte> peerPublicKey, string peerParty, string jobId, string scope)
    {
        if (string.Equals(ownParty, peerParty, StringComparison.Ordinal))
        {
            throw new ArgumentException($"a pairwise seed needs two parties, but both are \"{ownParty}\"", nameof(peerParty));
        }
        var secret = own.DeriveSharedSecret(peerPublicKey);
        try
        {
            var (first, second) = string.CompareOrdinal(ownParty, peerParty) < 0 ? (ownParty, peerParty) : (peerParty, ownParty);
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, Length, salt: [], info: Info(jobId, scope, first, second));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>Length-prefixed fields, so that no two different tuples share an encoding.</summary>
    private static byte[] Info(params ReadOnlySpan<string> fields)
    {
        using var info = new MemoryStream();
        Span<byte> prefix = stackalloc byte[4];
        foreach (var field in (ReadOnlySpan<string>)[Domain, .. fields])
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteInt32LittleEndian(prefix, bytes.Length);
            info.Write(prefix);
            info.Write(bytes);
        }
        return info.ToArray();
    }
}
