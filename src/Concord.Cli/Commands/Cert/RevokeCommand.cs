using System.CommandLine;
using Concord.Federation.Security;

namespace Concord.Cli.Commands.Cert;

/// <summary>
/// <c>concord cert revoke --party ID | --serial HEX</c>: adds a certificate to the CA's revocation list
/// (<c>ca.crl</c> beside the CA), which every node reads again when it changes; give the file to every party.
/// </summary>
internal static class RevokeCommand
{
    public static Command Build()
    {
        var command = new Command("revoke", "Revoke a party's current certificate, or any certificate by serial, in the CA's revocation list.");
        var party = new Option<int?>("--party") { Description = "Revoke this party's certificate in --certs (party-ID.crt)" };
        var serial = new Option<string?>("--serial") { Description = "Revoke the certificate with this serial number (hex), e.g. one already replaced" };
        var certs = new Option<string>("--certs") { Description = "The folder with ca.crt and ca.key", DefaultValueFactory = _ => "certs" };
        var crl = new Option<string?>("--crl") { Description = "The revocation list to update (default: ca.crl in --certs)" };
        foreach (var option in new Option[] { party, serial, certs, crl })
        {
            command.Options.Add(option);
        }
        UserFacing.SetAction(command, (parse, _) =>
        {
            var folder = parse.GetValue(certs)!;
            var (serialBytes, what) = (parse.GetValue(party), parse.GetValue(serial)) switch
            {
                (int id, null) => PartySerial(folder, id),
                (null, string hex) => (CertificateSerial.Parse(hex, "--serial"), "certificate"),
                _ => throw new ArgumentException("give exactly one of --party and --serial"),
            };
            using var ca = FederationCertificates.LoadAuthority(folder);
            var path = parse.GetValue(crl) ?? FederationCertificates.RevocationList(folder);
            RevocationListFile.Revoke(path, ca, serialBytes);
            Console.WriteLine($"revoked {what} serial {CertificateSerial.Normalize(serialBytes)} in {path}; copy it to every party (nodes read it again when it changes)");
            return Task.FromResult(0);
        });
        return command;
    }

    private static (byte[] Serial, string What) PartySerial(string folder, int party)
    {
        using var certificate = CertificateFiles.LoadPublic(FederationCertificates.PartyCertificate(folder, party));
        return (Convert.FromHexString(certificate.SerialNumber), $"party {party.ToString(System.Globalization.CultureInfo.InvariantCulture)}'s certificate");
    }
}
