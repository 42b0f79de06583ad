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

    /// <summary>The revocation list <c>concord cert revoke</c> keeps beside the CA, and nodes read by default.</summary>
    public static string RevocationList(string folder) => Path.Combine(folder, "ca.crl");

    /// <summary>Creates the CA and every certificate; returns the files written.</summary>
    public static IReadOnlyList<string> Create(string folder, string federationName, IEnumerable<int> partyIds, TimeSpan validity) =>
        Create(folder, federationName, partyIds, new Dictionary<int, IReadOnlyList<string>>(), validity);

    /// <summary>As above, each party's certificate also naming its <paramref name="hosts"/> (DNS names or IPs).</summary>
    public static IReadOnlyList<string> Create(
        string folder, string federationName, IEnumerable<int> partyIds, IReadOnlyDictionary<int, IReadOnlyList<string>> hosts, TimeSpan validity)
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
            using var party = ca.IssueParty(id, hosts.GetValueOrDefault(id) ?? [], notBefore, notAfter);
            CertificateFiles.Save(party, PartyCertificate(folder, id), PartyKey(folder, id));
            written.AddRange([PartyCertificate(folder, id), PartyKey(folder, id)]);
        }
        using var operatorCertificate = ca.IssueOperator(notBefore, notAfter);
        CertificateFiles.Save(operatorCertificate, OperatorCertificate(folder), OperatorKey(folder));
        written.AddRange([OperatorCertificate(folder), OperatorKey(folder)]);
        return written;
    }

    /// <summary>
    /// A new key and certificate for one party from the CA in <paramref name="folder"/>, replacing that party's files
    /// only; returns the files written.
    /// </summary>
    public static IReadOnlyList<string> IssueParty(string folder, int partyId, IReadOnlyList<string> hosts, TimeSpan validity)
    {
        using var ca = LoadAuthority(folder);
        var now = DateTimeOffset.UtcNow;
        using var party = ca.IssueParty(partyId, hosts, now.AddMinutes(-5), now.Add(validity));
        CertificateFiles.Save(party, PartyCertificate(folder, partyId), PartyKey(folder, partyId));
        return [PartyCertificate(folder, partyId), PartyKey(folder, partyId)];
    }

    /// <summary>The CA with its key, as only its holder has it.</summary>
    public static CertificateAuthority LoadAuthority(string folder)
    {
        if (!File.Exists(CaKey(folder)) || !File.Exists(CaCertificate(folder)))
        {
            throw new FederationException($"{folder} has no ca.crt and ca.key; run this where `concord cert init` wrote the CA (or pass --certs)");
        }
        return CertificateAuthority.Load(CaCertificate(folder), CaKey(folder));
    }
}
