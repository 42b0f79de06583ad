using System.CommandLine;
using Concord.Federation.Security;
using Concord.Flow.Governance;

namespace Concord.Cli.Commands.Cert;

/// <summary>
/// <c>concord cert issue-operator --role R --name N</c>: an operator certificate from the federation CA whose
/// role (urn:concord:role:R) limits what it may do at every node; written as operator.crt/.key in its own folder,
/// so <c>--operator-certs</c> takes it like the admin's.
/// </summary>
internal static class IssueOperatorCommand
{
    public static Command Build()
    {
        var command = new Command("issue-operator", "Issue an operator certificate with a role (admin, data_scientist, auditor).");
        var role = new Option<string>("--role") { Description = "admin, data_scientist or auditor", Required = true };
        var name = new Option<string>("--name") { Description = "Whom the certificate is for (letters, digits, spaces, - _ .)", Required = true };
        var certs = new Option<string>("--certs") { Description = "The folder with ca.crt and ca.key", DefaultValueFactory = _ => "certs" };
        var output = new Option<string>("--out") { Description = "Folder for operator.crt and operator.key", Required = true };
        var days = new Option<int>("--days") { Description = "Validity in days", DefaultValueFactory = _ => 365 };
        foreach (var option in new Option[] { role, name, certs, output, days })
        {
            command.Options.Add(option);
        }
        UserFacing.SetAction(command, (parse, _) =>
        {
            var folder = parse.GetValue(certs)!;
            var roleName = OperatorRoles.Parse(parse.GetValue(role)!).Name();
            var caKey = FederationCertificates.CaKey(folder);
            if (!File.Exists(caKey))
            {
                throw new ArgumentException($"--certs: {folder} has no ca.key; issue operator certificates where `concord cert init` wrote the CA");
            }
            using var ca = CertificateAuthority.Load(FederationCertificates.CaCertificate(folder), caKey);
            var now = DateTimeOffset.UtcNow;
            using var certificate = ca.IssueOperator(parse.GetValue(name)!, roleName, now.AddMinutes(-5), now.AddDays(parse.GetValue(days)));
            var outFolder = parse.GetValue(output)!;
            Directory.CreateDirectory(outFolder);
            CertificateFiles.Save(certificate, FederationCertificates.OperatorCertificate(outFolder), FederationCertificates.OperatorKey(outFolder));
            Console.WriteLine(FederationCertificates.OperatorCertificate(outFolder));
            Console.WriteLine(FederationCertificates.OperatorKey(outFolder));
            return Task.FromResult(0);
        });
        return command;
    }
}
