using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Concord.Federation.Security;

/// <summary>
/// The federation's X.509 revocation list (<c>ca.crl</c>, PEM): written by <c>concord cert revoke</c> with the CA's
/// key, and read by every node, which trusts it only when the federation CA signed it.
/// </summary>
public static class RevocationListFile
{
    private const string PemLabel = "X509 CRL";
    private const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";

    /// <summary>Adds a serial to the list at <paramref name="path"/> (creating it), signed by <paramref name="ca"/>.</summary>
    public static void Revoke(string path, CertificateAuthority ca, byte[] serial)
    {
        var crlNumber = BigInteger.Zero;
        var builder = File.Exists(path)
            ? CertificateRevocationListBuilder.LoadPem(File.ReadAllText(path), out crlNumber)
            : new CertificateRevocationListBuilder();
        builder.AddEntry(serial, DateTimeOffset.UtcNow);
        var nextUpdate = new DateTimeOffset(ca.Certificate.NotAfter.ToUniversalTime());
        var der = builder.Build(ca.Certificate, crlNumber + 1, nextUpdate, HashAlgorithmName.SHA256);
        // A node re-reads the file when it changes: it must never see half of it.
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, PemEncoding.WriteString(PemLabel, der));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The revoked serials (as <see cref="CertificateSerial"/> writes them), after checking the CA signed the list.</summary>
    public static IReadOnlySet<string> Read(string path, X509Certificate2 ca)
    {
        var text = File.ReadAllText(path);
        var der = text.Contains("-----BEGIN", StringComparison.Ordinal) ? DecodePem(text, path) : File.ReadAllBytes(path);
        try
        {
            return Parse(der, ca, path);
        }
        catch (AsnContentException ex)
        {
            throw new FederationException($"revocation list {path} is not a valid X.509 CRL: {ex.Message}", inner: ex);
        }
    }

    private static byte[] DecodePem(string text, string path)
    {
        var fields = PemEncoding.TryFind(text, out var found) && text[found.Label] is PemLabel ? found
            : throw new FederationException($"revocation list {path} holds no \"-----BEGIN {PemLabel}-----\" block");
        return Convert.FromBase64String(text[fields.Base64Data]);
    }

    // CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue } (RFC 5280 section 5.1).
    private static HashSet<string> Parse(byte[] der, X509Certificate2 ca, string path)
    {
        var list = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var signed = list.PeekEncodedValue().ToArray();
        var tbs = list.ReadSequence();
        var algorithm = list.ReadSequence().ReadObjectIdentifier();
        var signature = list.ReadBitString(out _);
        using var key = ca.GetECDsaPublicKey();
        if (algorithm != EcdsaWithSha256 || key is null
            || !key.VerifyData(signed, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
        {
            throw new FederationException($"revocation list {path} is not signed by the federation CA \"{ca.Subject}\"");
        }
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger();
        }
        tbs.ReadSequence();
        tbs.ReadEncodedValue();
        tbs.ReadEncodedValue();
        if (tbs.HasData && !tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            tbs.ReadEncodedValue();
        }
        var revoked = new HashSet<string>(StringComparer.Ordinal);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var entries = tbs.ReadSequence();
            while (entries.HasData)
            {
                revoked.Add(CertificateSerial.Normalize(entries.ReadSequence().ReadIntegerBytes().Span));
            }
        }
        return revoked;
    }
}
