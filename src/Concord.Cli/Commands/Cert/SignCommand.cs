using System.CommandLine;
using Concord.Federation.Security;

namespace Concord.Cli.Commands.Cert;

/// <summary>
/// <c>concord cert sign --csr FILE --party ID --out FILE</c>, run by the CA holder: checks the request's signature and
/// party, and issues a party certificate for the requester's key. The certificate is built as <c>cert init</c> builds
/// one; only the key and the host names come from the request.
/// </summary>
internal static class SignCommand
{
    public static Command Build()
    {
        var command = new Command("sign", "Sign a party's certificate request (from `concord cert request`) with the federation CA.");
        var csr = new Option<string>("--csr") { Description = "The party's party-ID.csr", Required = true };
        var party = new Option<int>("--party") { Description = "The party the request must be for", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the signed certificate (send it back to the party as party-ID.crt)", Required = true };
        var certs = new Option<string>("--certs") { Description = "The folder with ca.crt and ca.key", DefaultValueFactory = _ => "certs" };
        var days = new Option<int>("--days") { Description = "Validity in days", DefaultValueFactory = _ => 365 };
        foreach (var option in new Option[] { csr, party, output, certs, days })
        {
            command.Options.Add(option);
        }
        UserFacing.SetAction(command, (parse, _) =>
        {
            var id = PartyIdList.Parse(parse.GetValue(party).ToString(System.Globalization.CultureInfo.InvariantCulture), "--party").Single();
            var csrPath = parse.GetValue(csr)!;
            if (!File.Exists(csrPath))
            {
                throw new ArgumentException($"--csr: {csrPath} does not exist");
            }
            var request = PartySigningRequest.Read(File.ReadAllText(csrPath), id, csrPath);
            using var ca = FederationCertificates.LoadAuthority(parse.GetValue(certs)!);
            var now = DateTimeOffset.UtcNow;
            using var certificate = ca.SignParty(id, request.Key, request.Hosts, now.AddMinutes(-5), now.AddDays(Days.Positive(parse.GetValue(days))));
            var outPath = parse.GetValue(output)!;
            CertificateFiles.Save(certificate, outPath, keyPath: null);
            Console.WriteLine(outPath);
            Console.WriteLine($"party {id}, serial {CertificateSerial.Of(certificate)}, hosts {string.Join(", ", CertificateHosts.Named(certificate))}");
            return Task.FromResult(0);
        });
        return command;
    }
}
