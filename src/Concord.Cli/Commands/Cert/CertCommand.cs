using System.CommandLine;
using Concord.Federation.Parties;
using Concord.Federation.Security;

namespace Concord.Cli.Commands.Cert;

/// <summary>
/// <c>concord cert init</c>: a federation CA, one certificate per party (naming its hosts), and one for the operator
/// (an admin); the other <c>cert</c> subcommands renew, revoke and sign party certificates and issue operator ones.
/// </summary>
internal static class CertCommand
{
    public static Command Build()
    {
        var cert = new Command("cert", "Manage the federation's certificates.");
        var init = new Command("init", "Create a federation CA and a certificate for each party and for the operator.");
        var parties = new Option<string?>("--parties") { Description = "Comma-separated party ids, e.g. 9999,10000,10001 (default: those of --config)" };
        var hosts = new Option<string[]>("--host")
        {
            Description = "PARTY=NAME[,NAME...]: DNS names or IP addresses that party's certificate names (repeatable); localhost and 127.0.0.1 always",
            AllowMultipleArgumentsPerToken = false,
        };
        var config = new Option<string?>("--config") { Description = "parties.yaml: each party's certificate names the host of its address" };
        var output = new Option<string>("--out") { Description = "Folder for the PEM files", DefaultValueFactory = _ => "certs" };
        var days = new Option<int>("--days") { Description = "Validity in days", DefaultValueFactory = _ => 365 };
        var name = new Option<string>("--federation") { Description = "Federation name, written into the CA (default: that of --config, or concord)" };
        foreach (var option in new Option[] { parties, hosts, config, output, days, name })
        {
            init.Options.Add(option);
        }
        UserFacing.SetAction(init, (parse, _) =>
        {
            var partyHosts = PartyHostList.Parse(parse.GetValue(hosts) ?? []);
            var federation = parse.GetValue(config) is string path ? FederationConfig.Load(path) : null;
            if (federation is not null)
            {
                PartyHostList.AddFrom(federation, partyHosts);
            }
            var ids = parse.GetValue(parties) is string list ? PartyIdList.Parse(list, "--parties")
                : federation?.Parties.Select(p => p.Id).ToList()
                ?? throw new ArgumentException("--parties or --config is required: which parties get a certificate");
            var stray = partyHosts.Keys.Where(id => !ids.Contains(id)).ToList();
            if (stray.Count > 0)
            {
                throw new ArgumentException($"--host names party {stray[0]}, which is not among the parties {string.Join(",", ids)}");
            }
            var federationName = parse.GetValue(name) ?? federation?.Name ?? "concord";
            var written = FederationCertificates.Create(parse.GetValue(output)!, federationName, ids, partyHosts, TimeSpan.FromDays(Days.Positive(parse.GetValue(days))));
            foreach (var file in written)
            {
                Console.WriteLine(file);
            }
            return Task.FromResult(0);
        });
        cert.Subcommands.Add(init);
        cert.Subcommands.Add(IssueOperatorCommand.Build());
        cert.Subcommands.Add(IssuePartyCommand.Build());
        cert.Subcommands.Add(RevokeCommand.Build());
        cert.Subcommands.Add(RequestCommand.Build());
        cert.Subcommands.Add(SignCommand.Build());
        return cert;
    }
}
