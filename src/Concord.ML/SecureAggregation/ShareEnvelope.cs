using System.Security.Cryptography;
using System.Text;
using Concord.Crypto.KeyAgreement;

namespace Concord.ML.SecureAggregation;

/// <summary>
/// A client's Shamir shares for one peer, sealed so that the arbiter relaying them can neither read nor alter them:
/// AES-256-GCM under a key from ECDH of the two clients' share-encryption keys (HKDF bound to the job, the round and
/// both names), with the sender, receiver and round as associated data. Layout: nonce (12) ‖ tag (16) ‖ ciphertext.
/// </summary>
public static class ShareEnvelope
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public static byte[] Seal(EcdhKeyPair own, string from, byte[] peerPublicKey, string to, string jobId, string scope, byte[] plaintext)
    {
        var key = PairwiseSeed.Derive(own, from, peerPublicKey, to, jobId, scope + "/share-envelope");
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            var sealedBytes = new byte[NonceBytes + TagBytes + plaintext.Length];
            var nonce = sealedBytes.AsSpan(0, NonceBytes);
            RandomNumberGenerator.Fill(nonce);
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), AssociatedData(from, to, scope));
            return sealedBytes;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <exception cref="ArgumentException">The envelope was not sealed by <paramref name="from"/> for <paramref name="to"/> in this round, or was altered.</exception>
    public static byte[] Open(EcdhKeyPair own, string to, byte[] peerPublicKey, string from, string jobId, string scope, byte[] sealedBytes)
    {
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new ArgumentException($"a share envelope has at least {NonceBytes + TagBytes} bytes, not {sealedBytes.Length}");
        }
        var key = PairwiseSeed.Derive(own, to, peerPublicKey, from, jobId, scope + "/share-envelope");
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            var plaintext = new byte[sealedBytes.Length - NonceBytes - TagBytes];
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plaintext, AssociatedData(from, to, scope));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new ArgumentException($"the shares from {from} fail authentication: altered in transit, or not sealed for {to} in {scope}", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] AssociatedData(string from, string to, string scope) => Encoding.UTF8.GetBytes($"concord/secagg-shares/v1|{from}|{to}|{scope}");
}
