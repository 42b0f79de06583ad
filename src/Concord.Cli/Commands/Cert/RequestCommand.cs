using System.CommandLine;
using System.Security.Cryptography;
using Concord.Federation.Security;

namespace Concord.Cli.Commands.Cert;

/// <summary>
/// <c>concord cert request --party ID --host NAME --out DIR</c>, run at the party's own machine: a new private key
/// (party-ID.key, readable by its owner only) and a signing request (party-ID.csr) to send to whoever keeps the CA,
/// so that no organisation ever holds another's key or the CA's.
/// </summary>
internal static class RequestCommand
{
    public static Command Build()
    {
        var command = new Command("request", "Make this party's private key and a certificate signing request for the CA holder.");
        var party = new Option<int>("--party") { Description = "This party's id", Required = true };
        var hosts = new Option<string[]>("--host") { Description = "NAME[,NAME...]: DNS names or IP addresses of this party's node (repeatable)", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for party-ID.key and party-ID.csr", Required = true };
        foreach (var option in new Option[] { party, hosts, output })
        {
            command.Options.Add(option);
        }
        UserFacing.SetAction(command, (parse, _) =>
        {
            var id = PartyIdList.Parse(parse.GetValue(party).ToString(System.Globalization.CultureInfo.InvariantCulture), "--party").Single();
            var names = parse.GetValue(hosts)!.SelectMany(h => CertificateHosts.Parse(h, "--host")).ToList();
            var folder = parse.GetValue(output)!;
            var keyPath = FederationCertificates.PartyKey(folder, id);
            var csrPath = Path.ChangeExtension(keyPath, ".csr");
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            CertificateFiles.SaveKey(key, keyPath);
            File.WriteAllText(csrPath, PartySigningRequest.Create(key, id, names));
            Console.WriteLine(keyPath);
            Console.WriteLine(csrPath);
            Console.WriteLine($"send {csrPath} to the CA holder (`concord cert sign --csr {Path.GetFileName(csrPath)} --party {id}`); keep {keyPath} here");
            return Task.FromResult(0);
        });
        return command;
    }
}
