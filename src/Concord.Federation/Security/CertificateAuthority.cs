using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Concord.Federation.Security;

/// <summary>
/// The federation's own CA. Each party gets a certificate naming its party id, so a node can tell not only
/// that a peer belongs to the federation but which party it is.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private CertificateAuthority(X509Certificate2 certificate)
    {
        Certificate = certificate;
    }

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public static CertificateAuthority Create(string federationName, TimeSpan validity)
    {
        var now = DateTimeOffset.UtcNow;
        return Create(federationName, now.AddMinutes(-5), now.Add(validity));
    }

    public static CertificateAuthority Create(string federationName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={federationName} federation CA, O=Concord", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return new CertificateAuthority(request.CreateSelfSigned(notBefore, notAfter));
    }

    public static CertificateAuthority Load(string certificatePem, string keyPem) =>
        new(X509Certificate2.CreateFromPemFile(certificatePem, keyPem));

    /// <summary>Issues a certificate for one party, valid between the given times (tests issue expired ones).</summary>
    public X509Certificate2 IssueParty(int partyId, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        Issue($"CN=concord party {partyId}, O=Concord", [PartyIdentity.UriFor(partyId)], notBefore, notAfter);

    public X509Certificate2 IssueOperator(DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        Issue("CN=concord operator, O=Concord", [PartyIdentity.OperatorUri], notBefore, notAfter);

    /// <summary>An operator certificate limited to one role (admin, data_scientist, auditor), for the named person.</summary>
    public X509Certificate2 IssueOperator(string name, string role, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        foreach (var (value, what) in new[] { (name, "operator name"), (role, "role") })
        {
            // Both go into the subject's distinguished name, where a comma or equals sign would forge another field.
            if (value.Length is 0 or > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ' '))
            {
                throw new ArgumentException($"the {what} \"{value}\" must be 1 to 64 letters, digits, spaces, '-', '_' or '.'");
            }
        }
        return Issue($"CN={name}, OU={role}, O=Concord", [PartyIdentity.OperatorUri, PartyIdentity.RoleUriPrefix + role], notBefore, notAfter);
    }

    private X509Certificate2 Issue(string subject, IReadOnlyList<string> identityUris, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var san = new SubjectAlternativeNameBuilder();
        foreach (var uri in identityUris)
        {
            san.AddUri(new Uri(uri));
        }
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(Certificate, notBefore, Clamp(notAfter), serial);
        return issued.CopyWithPrivateKey(key);
    }

    // An issued certificate may not outlive its issuer.
    private DateTimeOffset Clamp(DateTimeOffset notAfter) =>
        notAfter > Certificate.NotAfter ? new DateTimeOffset(Certificate.NotAfter.ToUniversalTime()) : notAfter;

    public void Dispose() => Certificate.Dispose();
}
