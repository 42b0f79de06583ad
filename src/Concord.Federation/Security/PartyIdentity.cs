using System.Security.Cryptography.X509Certificates;

namespace Concord.Federation.Security;

/// <summary>
/// Who a certificate speaks for. A party certificate carries the URI <c>urn:concord:party:ID</c> in its
/// subject alternative name; the operator's carries <c>urn:concord:operator</c>, and may carry
/// <c>urn:concord:role:ROLE</c> to limit what the operator may do (one without a role is an admin).
/// </summary>
public static class PartyIdentity
{
    public const string PartyUriPrefix = "urn:concord:party:";
    public const string OperatorUri = "urn:concord:operator";
    public const string RoleUriPrefix = "urn:concord:role:";

    public static string UriFor(int partyId) => PartyUriPrefix + partyId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The party id named by the certificate, or null when it names none (e.g. the operator's).</summary>
    public static int? PartyIdOf(X509Certificate2 certificate) => PartyIdIn(UrisOf(certificate));

    /// <summary>The party id a subject alternative name names (e.g. a signing request's), or null.</summary>
    public static int? PartyIdIn(X509SubjectAlternativeNameExtension san) => PartyIdIn(ReadUris(san));

    private static int? PartyIdIn(IEnumerable<string> uris)
    {
        foreach (var uri in uris)
        {
            if (uri.StartsWith(PartyUriPrefix, StringComparison.Ordinal)
                && int.TryParse(uri.AsSpan(PartyUriPrefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                return id;
            }
        }
        return null;
    }

    public static bool IsOperator(X509Certificate2 certificate) => UrisOf(certificate).Contains(OperatorUri);

    /// <summary>The operator role the certificate names, or null when it names none.</summary>
    public static string? OperatorRoleOf(X509Certificate2 certificate) =>
        UrisOf(certificate).FirstOrDefault(u => u.StartsWith(RoleUriPrefix, StringComparison.Ordinal))?[RoleUriPrefix.Length..];

    private static IEnumerable<string> UrisOf(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                foreach (var uri in ReadUris(san))
                {
                    yield return uri;
                }
            }
        }
    }

    // X509SubjectAlternativeNameExtension exposes DNS names and IPs only; URIs need the raw GeneralNames.
    private static List<string> ReadUris(X509SubjectAlternativeNameExtension san)
    {
        var uris = new List<string>();
        var reader = new System.Formats.Asn1.AsnReader(san.RawData, System.Formats.Asn1.AsnEncodingRules.DER);
        var names = reader.ReadSequence();
        var uriTag = new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 6);
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (tag == uriTag)
            {
                uris.Add(names.ReadCharacterString(System.Formats.Asn1.UniversalTagNumber.IA5String, uriTag));
            }
            else
            {
                names.ReadEncodedValue();
            }
        }
        return uris;
    }
}
