using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Concord.Federation.Security;

/// <summary>
/// Signs bytes with a party's federation certificate, and checks such a signature. ECDSA over SHA-256 in DER form,
/// so that <c>openssl dgst -sha256 -verify</c> can check it too without Concord.
/// </summary>
public static class PartySignature
{
    public const string Algorithm = "ECDSA-SHA256";

    public static byte[] Sign(X509Certificate2 certificate, ReadOnlySpan<byte> data)
    {
        if (PartyIdentity.PartyIdOf(certificate) is null)
        {
            throw new FederationException($"certificate \"{certificate.Subject}\" names no Concord party, so it cannot sign for one");
        }
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new FederationException($"certificate \"{certificate.Subject}\" has no ECDSA private key to sign with");
        return key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>
    /// The party that signed <paramref name="data"/>: its certificate must chain to <paramref name="federationCa"/>, be
    /// within its validity, name a party, and its key must have made <paramref name="signature"/>.
    /// </summary>
    /// <exception cref="FederationException">Any of those fails; the message says which, in one line.</exception>
    public static int Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, X509Certificate2 signer, X509Certificate2 federationCa)
    {
        if (new PeerValidator(federationCa).WhyUntrusted(signer) is string untrusted)
        {
            throw new FederationException($"the signer is not trusted: {untrusted}");
        }
        var party = PartyIdentity.PartyIdOf(signer)
            ?? throw new FederationException($"the signing certificate \"{signer.Subject}\" names no party (an operator certificate cannot sign a party's file)");
        return Matches(data, signature, signer) ? party
            : throw new FederationException($"the signature does not match the signed content and party {party.ToString(CultureInfo.InvariantCulture)}'s certificate");
    }

    /// <summary>
    /// Whether <paramref name="signer"/>'s key made <paramref name="signature"/> over <paramref name="data"/>, and
    /// nothing more: for a caller that holds the one certificate it trusts (an audit trail's party), not the CA.
    /// </summary>
    public static bool Matches(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, X509Certificate2 signer)
    {
        using var key = signer.GetECDsaPublicKey()
            ?? throw new FederationException($"the signing certificate \"{signer.Subject}\" has no ECDSA key");
        try
        {
            return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
