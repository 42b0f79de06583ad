using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Concord.Federation.Security;

namespace Concord.Cli.Tests;

/// <summary>
/// <c>concord cert request</c> at a party's machine and <c>concord cert sign</c> at the CA holder: the party's key
/// never leaves it, and the CA takes only the key and the host names from the request.
/// </summary>
public sealed class CertRequestSignTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("concord-cert-csr-").FullName;

    private string Certs => Path.Combine(_folder, "ca-holder");

    private string Telco => Path.Combine(_folder, "telco");

    [Fact]
    public async Task A_request_signed_by_the_ca_gives_a_party_certificate_for_the_key_that_stayed_at_the_party()
    {
        FederationCertificates.Create(Certs, "t", [9999], TimeSpan.FromDays(1));

        var request = await Concord("cert", "request", "--party", "10000", "--host", "telco.example.net,192.0.2.9", "--out", Telco);
        var csr = Path.Combine(Telco, "party-10000.csr");
        var signedPath = Path.Combine(_folder, "party-10000.crt");
        var sign = await Concord("cert", "sign", "--csr", csr, "--party", "10000", "--certs", Certs, "--out", signedPath);

        Assert.True(request.ExitCode == 0, request.Stderr);
        Assert.True(sign.ExitCode == 0, sign.Stderr);
        var key = FederationCertificates.PartyKey(Telco, 10000);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : File.GetUnixFileMode(key));
        using var signed = CertificateFiles.LoadWithKey(signedPath, key);
        using var ca = CertificateFiles.LoadPublic(FederationCertificates.CaCertificate(Certs));
        Assert.Null(new PeerValidator(ca).WhyNotParty(signed, 10000));
        Assert.True(CertificateHosts.Covers(signed, "telco.example.net"));
        Assert.True(CertificateHosts.Covers(signed, "192.0.2.9"));
        Assert.False(File.Exists(FederationCertificates.PartyKey(Certs, 10000)));
    }

    [Fact]
    public async Task A_request_for_another_party_is_refused()
    {
        FederationCertificates.Create(Certs, "t", [9999], TimeSpan.FromDays(1));
        Assert.Equal(0, (await Concord("cert", "request", "--party", "10000", "--host", "telco.example.net", "--out", Telco)).ExitCode);
        var csr = Path.Combine(Telco, "party-10000.csr");
        var signedPath = Path.Combine(_folder, "party-9999.crt");

        var sign = await Concord("cert", "sign", "--csr", csr, "--party", "9999", "--certs", Certs, "--out", signedPath);

        Assert.Equal(1, sign.ExitCode);
        var line = Assert.Single(sign.Stderr.Trim().Split('\n'));
        Assert.Contains($"{csr} asks for party 10000, not party 9999 (--party); refusing to sign it", line, StringComparison.Ordinal);
        Assert.False(File.Exists(signedPath));
    }

    [Fact]
    public async Task Ca_flags_and_other_extensions_in_a_request_are_not_copied()
    {
        FederationCertificates.Create(Certs, "t", [9999], TimeSpan.FromDays(1));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = new CertificateRequest("CN=evil, O=Concord", key, HashAlgorithmName.SHA256);
        forged.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        forged.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(PartyIdentity.UriFor(10000)));
        san.AddUri(new Uri(PartyIdentity.OperatorUri));
        san.AddDnsName("telco.example.net");
        forged.CertificateExtensions.Add(san.Build());
        var csr = Path.Combine(_folder, "forged.csr");
        File.WriteAllText(csr, forged.CreateSigningRequestPem());
        var signedPath = Path.Combine(_folder, "party-10000.crt");

        var sign = await Concord("cert", "sign", "--csr", csr, "--party", "10000", "--certs", Certs, "--out", signedPath);

        Assert.True(sign.ExitCode == 0, sign.Stderr);
        using var signed = CertificateFiles.LoadPublic(signedPath);
        var constraints = signed.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.False(constraints.CertificateAuthority);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, signed.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.False(PartyIdentity.IsOperator(signed));
        Assert.Equal(10000, PartyIdentity.PartyIdOf(signed));
        Assert.Equal(CertificateAuthority.PartySubject(10000), signed.Subject);
        Assert.True(CertificateHosts.Covers(signed, "telco.example.net"));
    }

    [Fact]
    public async Task A_request_whose_signature_does_not_match_its_key_is_refused()
    {
        FederationCertificates.Create(Certs, "t", [9999], TimeSpan.FromDays(1));
        Assert.Equal(0, (await Concord("cert", "request", "--party", "10000", "--host", "telco.example.net", "--out", Telco)).ExitCode);
        var csr = Path.Combine(Telco, "party-10000.csr");
        var der = PemEncoding.Find(File.ReadAllText(csr)) is var pem ? Convert.FromBase64String(File.ReadAllText(csr)[pem.Base64Data]) : [];
        der[^5] ^= 0x01;
        File.WriteAllText(csr, PemEncoding.WriteString("CERTIFICATE REQUEST", der));

        var sign = await Concord("cert", "sign", "--csr", csr, "--party", "10000", "--certs", Certs, "--out", Path.Combine(_folder, "x.crt"));

        Assert.Equal(1, sign.ExitCode);
        Assert.Contains($"{csr} is not a valid signed certificate request", sign.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", sign.Stderr, StringComparison.Ordinal);
    }

    private static Task<ConcordProcess.Result> Concord(params string[] arguments) => ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), arguments);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
