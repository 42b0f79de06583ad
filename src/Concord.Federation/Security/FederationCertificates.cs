namespace Concord.Federation.Security;

/// <summary>The files <c>concord cert init</c> writes: ca.crt/ca.key, party-ID.crt/.key, operator.crt/.key.</summary>
public static class FederationCertificates
{
    public static string CaCertificate(string folder) => Path.Combine(folder, "ca.crt");

    public static string CaKey(string folder) => Path.Combine(folder, "ca.key");

    public static string PartyCertificate(string folder, int partyId) => Path.Combine(folder, $"party-{partyId}.crt");

    public static string PartyKey(string folder, int partyId) => Path.Combine(folder, $"party-{partyId}.key");

    public static string OperatorCertificate(string folder) => Path.Combine(folder, "operator.crt");

    public static string OperatorKey(string folder) => Path.Combine(folder, "operator.key");

    /// <summary>Creates the CA and every certificate; returns the files written.</summary>
    public static IReadOnlyList<string> Create(string folder, string federationName, IEnumerable<int> partyIds, TimeSpan validity)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        using var ca = CertificateAuthority.Create(federationName, validity);
        var caKey = CaKey(folder);
        CertificateFiles.Save(ca.Certificate, CaCertificate(folder), caKey);
        written.AddRange([CaCertificate(folder), caKey]);
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var notAfter = DateTimeOffset.UtcNow.Add(validity);
        foreach (var id in partyIds)
        {
            using var party = ca.IssueParty(id, notBefore, notAfter);
            CertificateFiles.Save(party, PartyCertificate(folder, id), PartyKey(folder, id));
            written.AddRange([PartyCertificate(folder, id), PartyKey(folder, id)]);
        }
        using var operatorCertificate = ca.IssueOperator(notBefore, notAfter);
        CertificateFiles.Save(operatorCertificate, OperatorCertificate(folder), OperatorKey(folder));
        written.AddRange([OperatorCertificate(folder), OperatorKey(folder)]);
        return written;
    }
}
