using System.Security.Cryptography.X509Certificates;

namespace Concord.Federation.Security;

/// <summary>
/// Decides whether a TLS peer belongs to this federation: its certificate must chain to the federation CA
/// (and to nothing else the machine happens to trust), be within its validity, name a party, and not be revoked.
/// </summary>
public sealed class PeerValidator(X509Certificate2 federationCa, Revocations? revocations = null)
{
    /// <summary>Null when the certificate is trusted; otherwise why not, in words for an error message.</summary>
    public string? WhyUntrusted(X509Certificate2 certificate)
    {
        var now = DateTime.Now;
        if (now > certificate.NotAfter)
        {
            return $"its certificate {Named(certificate)} expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC";
        }
        if (now < certificate.NotBefore)
        {
            return $"its certificate {Named(certificate)} is not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC";
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(federationCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        if (!chain.Build(certificate))
        {
            var status = string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
            return $"its certificate {Named(certificate)} is not signed by this federation's CA ({status})";
        }
        if (PartyIdentity.PartyIdOf(certificate) is null && !PartyIdentity.IsOperator(certificate))
        {
            return $"its certificate {Named(certificate)} names no Concord party";
        }
        return revocations?.WhyRevoked(certificate);
    }

    /// <summary>Subject and issuer, so an operator reading a refusal can tell whose certificate and which CA knocked.</summary>
    public static string Named(X509Certificate2 certificate) => $"\"{certificate.Subject}\" (issued by \"{certificate.Issuer}\")";

    /// <summary>As <see cref="WhyUntrusted"/>, and the certificate must name exactly this party.</summary>
    public string? WhyNotParty(X509Certificate2 certificate, int expectedPartyId)
    {
        if (WhyUntrusted(certificate) is string reason)
        {
            return reason;
        }
        var named = PartyIdentity.PartyIdOf(certificate);
        return named == expectedPartyId
            ? null
            : $"its certificate names party {named?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}, not party {expectedPartyId}";
    }
}
