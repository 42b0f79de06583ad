using System.CommandLine;
using Concord.Federation.Security;

namespace Concord.Cli.Commands.Cert;

/// <summary>
/// <c>concord cert init</c>: a federation CA, one certificate per party, and one for the operator (an admin);
/// <c>concord cert issue-operator</c>: a further operator certificate limited to one role.
/// </summary>
internal static class CertCommand
{
    public static Command Build()
    {
        var cert = new Command("cert", "Manage the federation's certificates.");
        var init = new Command("init", "Create a federation CA and a certificate for each party and for the operator.");
        var parties = new Option<string>("--parties") { Description = "Comma-separated party ids, e.g. 9999,10000,10001", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for the PEM files", DefaultValueFactory = _ => "certs" };
        var days = new Option<int>("--days") { Description = "Validity in days", DefaultValueFactory = _ => 365 };
        var name = new Option<string>("--federation") { Description = "Federation name, written into the CA", DefaultValueFactory = _ => "concord" };
        init.Options.Add(parties);
        init.Options.Add(output);
        init.Options.Add(days);
        init.Options.Add(name);
        UserFacing.SetAction(init, (parse, _) =>
        {
            var ids = PartyIdList.Parse(parse.GetValue(parties)!, "--parties");
            var written = FederationCertificates.Create(parse.GetValue(output)!, parse.GetValue(name)!, ids, TimeSpan.FromDays(parse.GetValue(days)));
            foreach (var file in written)
            {
                Console.WriteLine(file);
            }
            return Task.FromResult(0);
        });
        cert.Subcommands.Add(init);
        cert.Subcommands.Add(IssueOperatorCommand.Build());
        return cert;
    }
}
