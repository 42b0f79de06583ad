using System.CommandLine;
using Concord.Federation.Security;

namespace Concord.Cli.Commands.Cert;

/// <summary>
/// <c>concord cert issue --party ID [--host NAME[,NAME...]]</c>: a new key and certificate for one party from the
/// existing CA, to renew or rotate it; the CA and every other party's files stay as they are. Without
/// <c>--host</c> the new certificate names the hosts the old one did.
/// </summary>
internal static class IssuePartyCommand
{
    public static Command Build()
    {
        var command = new Command("issue", "Issue a new certificate and key for one party from the existing CA (renewal, rotation).");
        var party = new Option<int>("--party") { Description = "The party id", Required = true };
        var hosts = new Option<string[]>("--host") { Description = "NAME[,NAME...]: DNS names or IP addresses the certificate names (repeatable; default: those of the party's current certificate)" };
        var certs = new Option<string>("--certs") { Description = "The folder with ca.crt and ca.key", DefaultValueFactory = _ => "certs" };
        var days = new Option<int>("--days") { Description = "Validity in days", DefaultValueFactory = _ => 365 };
        foreach (var option in new Option[] { party, hosts, certs, days })
        {
            command.Options.Add(option);
        }
        UserFacing.SetAction(command, (parse, _) =>
        {
            var folder = parse.GetValue(certs)!;
            var id = PartyIdList.Parse(parse.GetValue(party).ToString(System.Globalization.CultureInfo.InvariantCulture), "--party").Single();
            var given = (parse.GetValue(hosts) ?? []).SelectMany(h => CertificateHosts.Parse(h, "--host")).ToList();
            var written = FederationCertificates.IssueParty(folder, id, given.Count > 0 ? given : CurrentHosts(folder, id), TimeSpan.FromDays(Days.Positive(parse.GetValue(days))));
            foreach (var file in written)
            {
                Console.WriteLine(file);
            }
            return Task.FromResult(0);
        });
        return command;
    }

    private static IReadOnlyList<string> CurrentHosts(string folder, int party)
    {
        var current = FederationCertificates.PartyCertificate(folder, party);
        if (!File.Exists(current))
        {
            return [];
        }
        using var certificate = CertificateFiles.LoadPublic(current);
        return CertificateHosts.Remote(certificate);
    }
}
