using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Concord.Federation.Security;

/// <summary>
/// A party's PKCS#10 signing request: made at the party's own machine, so its private key never leaves it, and
/// signed by whoever keeps the CA. The request carries the party id and the hosts; the CA takes nothing else from it.
/// </summary>
public static class PartySigningRequest
{
    private const string SubjectAlternativeNameOid = "2.5.29.17";

    /// <summary>The request's PEM for this key, party and hosts.</summary>
    public static string Create(ECDsa key, int partyId, IReadOnlyList<string> hosts)
    {
        var request = new CertificateRequest(CertificateAuthority.PartySubject(partyId), key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(PartyIdentity.UriFor(partyId)));
        CertificateHosts.AddTo(san, hosts);
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSigningRequestPem();
    }

    /// <summary>What the CA may take from a request: the requester's key and the hosts.</summary>
    public sealed record Content(PublicKey Key, IReadOnlyList<string> Hosts);

    /// <summary>
    /// Reads a request, checking its signature (the requester holds the key) and that it names
    /// <paramref name="expectedParty"/>; <paramref name="source"/> names the file in errors.
    /// </summary>
    public static Content Read(string pem, int expectedParty, string source)
    {
        CertificateRequest request;
        try
        {
            // Its extensions are loaded only to read the party id and hosts out of them; none is copied.
            request = CertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        catch (CryptographicException ex)
        {
            throw new FederationException($"{source} is not a valid signed certificate request: {ex.Message}", inner: ex);
        }
        if (request.PublicKey.GetECDsaPublicKey() is not { } ecdsa)
        {
            throw new FederationException($"{source}: the request's key is not ECDSA; make the request with `concord cert request`");
        }
        ecdsa.Dispose();
        var san = request.CertificateExtensions.FirstOrDefault(e => e.Oid?.Value == SubjectAlternativeNameOid) is { } raw
            ? new X509SubjectAlternativeNameExtension(raw.RawData, raw.Critical)
            : throw new FederationException($"{source}: the request names no party (no subject alternative name); make it with `concord cert request`");
        var named = PartyIdentity.PartyIdIn(san);
        var expected = expectedParty.ToString(CultureInfo.InvariantCulture);
        if (named != expectedParty)
        {
            throw new FederationException(
                $"{source} asks for party {named?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}, not party {expected} (--party); refusing to sign it");
        }
        var hosts = san.EnumerateDnsNames().Select(h => CertificateHosts.Check(h, source))
            .Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString()))
            .Where(h => !CertificateHosts.Local.Contains(h, StringComparer.OrdinalIgnoreCase)).Distinct().ToList();
        return new Content(request.PublicKey, hosts);
    }
}
