using System.Security.Cryptography;

namespace Concord.Crypto.KeyAgreement;

/// <summary>
/// An ephemeral ECDH key pair on NIST P-256. The public half travels as DER SubjectPublicKeyInfo, the
/// format every TLS and X.509 stack reads, so a peer in another language can take part.
/// </summary>
public sealed class EcdhKeyPair : IDisposable
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private readonly ECDiffieHellman _key;

    private EcdhKeyPair(ECDiffieHellman key)
    {
        _key = key;
        PublicKey = key.PublicKey.ExportSubjectPublicKeyInfo();
    }

    /// <summary>DER SubjectPublicKeyInfo of the public key.</summary>
    public byte[] PublicKey { get; }

    public static EcdhKeyPair Generate() => new(ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>
    /// The private scalar d, 32 bytes big-endian: what secure aggregation secret-shares, so that the survivors can
    /// rebuild a dropped party's key and with it the masks it shared with them.
    /// </summary>
    public byte[] ExportPrivateKey() => _key.ExportParameters(includePrivateParameters: true).D!;

    /// <summary>A key pair rebuilt from its private scalar and its public key (DER SubjectPublicKeyInfo), which must match.</summary>
    /// <exception cref="ArgumentException">The scalar is not a P-256 private key for that public key.</exception>
    public static EcdhKeyPair FromPrivateKey(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey)
    {
        var key = ECDiffieHellman.Create();
        try
        {
            // Q left out: the public point is recomputed from d, so a scalar that does not match the public key is caught below.
            key.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey.ToArray() });
            var pair = new EcdhKeyPair(key);
            if (!pair.PublicKey.AsSpan().SequenceEqual(publicKey))
            {
                pair.Dispose();
                throw new ArgumentException("the private key does not belong to the given public key");
            }
            return pair;
        }
        catch (CryptographicException ex)
        {
            key.Dispose();
            throw new ArgumentException($"not a P-256 private key for the given public key: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The raw ECDH shared secret (the x-coordinate) with a peer. It is not uniform: feed it to a KDF, never use it as a key.
    /// </summary>
    /// <exception cref="ArgumentException">The peer's key is not a valid P-256 SubjectPublicKeyInfo.</exception>
    public byte[] DeriveSharedSecret(ReadOnlySpan<byte> peerPublicKey)
    {
        using var peer = ImportPeer(peerPublicKey);
        return _key.DeriveRawSecretAgreement(peer.PublicKey);
    }

    private static ECDiffieHellman ImportPeer(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var peer = ECDiffieHellman.Create();
        try
        {
            peer.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out var read);
            if (read != subjectPublicKeyInfo.Length)
            {
                throw new ArgumentException($"peer public key has {subjectPublicKeyInfo.Length - read} trailing bytes after its SubjectPublicKeyInfo");
            }
            var curve = peer.ExportParameters(includePrivateParameters: false).Curve;
            if (curve.Oid?.Value != P256Oid)
            {
                throw new ArgumentException($"peer public key is on curve {curve.Oid?.FriendlyName ?? curve.Oid?.Value ?? "(explicit)"}, not P-256");
            }
            return peer;
        }
        catch (CryptographicException ex)
        {
            peer.Dispose();
            throw new ArgumentException($"peer public key is not a valid P-256 SubjectPublicKeyInfo: {ex.Message}", ex);
        }
        catch
        {
            peer.Dispose();
            throw;
        }
    }

    public void Dispose() => _key.Dispose();
}
