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
        IssueParty(partyId, [], notBefore, notAfter);

    /// <summary>A party certificate with a new key, valid for these hosts besides the local ones.</summary>
    public X509Certificate2 IssueParty(int partyId, IReadOnlyList<string> hosts, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        Issue(PartySubject(partyId), [PartyIdentity.UriFor(partyId)], hosts, notBefore, notAfter);

    /// <summary>
    /// A party certificate for a key the CA never sees (the party's signing request). Everything in it is set here,
    /// as for <see cref="IssueParty(int, IReadOnlyList{string}, DateTimeOffset, DateTimeOffset)"/>; only the key and
    /// the hosts come from the requester.
    /// </summary>
    public X509Certificate2 SignParty(int partyId, PublicKey key, IReadOnlyList<string> hosts, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        Create(new CertificateRequest(new X500DistinguishedName(PartySubject(partyId)), key, HashAlgorithmName.SHA256), [PartyIdentity.UriFor(partyId)], hosts, notBefore, notAfter);

    public static string PartySubject(int partyId) =>
        $"CN=concord party {partyId.ToString(System.Globalization.CultureInfo.InvariantCulture)}, O=Concord";

    public X509Certificate2 IssueOperator(DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        Issue("CN=concord operator, O=Concord", [PartyIdentity.OperatorUri], [], notBefore, notAfter);

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
        return Issue($"CN={name}, OU={role}, O=Concord", [PartyIdentity.OperatorUri, PartyIdentity.RoleUriPrefix + role], [], notBefore, notAfter);
    }

    private X509Certificate2 Issue(string subject, IReadOnlyList<string> identityUris, IReadOnlyList<string> hosts, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issued = Create(new CertificateRequest(subject, key, HashAlgorithmName.SHA256), identityUris, hosts, notBefore, notAfter);
        return issued.CopyWithPrivateKey(key);
    }

    // The one place a leaf certificate's extensions are decided, whether the CA made the key or the party did.
    private X509Certificate2 Create(CertificateRequest request, IReadOnlyList<string> identityUris, IReadOnlyList<string> hosts, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var san = new SubjectAlternativeNameBuilder();
        foreach (var uri in identityUris)
        {
            san.AddUri(new Uri(uri));
        }
        CertificateHosts.AddTo(san, hosts);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return request.Create(Certificate, notBefore, Clamp(notAfter), serial);
    }

    // An issued certificate may not outlive its issuer.
    private DateTimeOffset Clamp(DateTimeOffset notAfter) =>
        notAfter > Certificate.NotAfter ? new DateTimeOffset(Certificate.NotAfter.ToUniversalTime()) : notAfter;

    public void Dispose() => Certificate.Dispose();
}
