using System.Security.Cryptography.X509Certificates;
using Concord.Federation.Security;

namespace Concord.Local;

/// <summary>
/// The certificates <c>concord run</c> keeps under the home root, so that every run on this machine is one
/// federation: a model a party trained yesterday can still be exported (signed with that party's key) and imported
/// (checked against the same CA) with its node stopped. A run's own folder, with its config and logs, is deleted
/// afterwards; these stay.
/// </summary>
public static class StandaloneCertificates
{
    private const string FederationName = "concord-standalone";

    // Long enough that a model trained on this machine stays exportable; a party's certificate is reissued from the
    // same CA when it nears its end, so older exports still verify.
    private static readonly TimeSpan Validity = TimeSpan.FromDays(825);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    /// <summary>Where they live: beside the party homes (party-ID), under the home root.</summary>
    public static string Folder(string homeRoot) => Path.Combine(homeRoot, "standalone-certs");

    /// <summary>Creates the CA on first use and a certificate for each of <paramref name="partyIds"/> that has none or whose certificate nears its end.</summary>
    public static void Ensure(string folder, IReadOnlyCollection<int> partyIds)
    {
        if (!File.Exists(FederationCertificates.CaKey(folder)))
        {
            FederationCertificates.Create(folder, FederationName, partyIds, LoopbackNames(partyIds), Validity);
            return;
        }
        foreach (var id in partyIds.Where(id => NeedsCertificate(folder, id)))
        {
            FederationCertificates.IssueParty(folder, id, LoopbackNames([id])[id], Validity);
        }
        if (!File.Exists(FederationCertificates.OperatorCertificate(folder)))
        {
            throw new ArgumentException($"{folder} has a CA but no operator.crt; delete the folder to start a new standalone federation");
        }
    }

    /// <summary>The standalone folder under <paramref name="homeRoot"/>, if a run has made one.</summary>
    public static string? Find(string homeRoot)
    {
        var folder = Folder(homeRoot);
        return File.Exists(FederationCertificates.CaCertificate(folder)) ? folder : null;
    }

    private static bool NeedsCertificate(string folder, int id)
    {
        var path = FederationCertificates.PartyCertificate(folder, id);
        if (!File.Exists(path) || !File.Exists(FederationCertificates.PartyKey(folder, id)))
        {
            return true;
        }
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(path);
        return certificate.NotAfter.ToUniversalTime() - DateTime.UtcNow < RenewBefore;
    }

    private static Dictionary<int, IReadOnlyList<string>> LoopbackNames(IEnumerable<int> ids) =>
        ids.ToDictionary(id => id, _ => (IReadOnlyList<string>)["127.0.0.1"]);
}
