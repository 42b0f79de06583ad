using System.Security.Cryptography.X509Certificates;
using Concord.Federation.Security;

namespace Concord.Cli.Tests;

/// <summary>The host names and addresses party certificates name, and the node's check of its own.</summary>
public class CertHostTests
{
    [Fact]
    public async Task Cert_init_with_host_puts_dns_names_and_ip_addresses_in_the_subject_alternative_name()
    {
        var folder = Directory.CreateTempSubdirectory("concord-cert-host-").FullName;
        try
        {
            var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1),
                "cert", "init", "--parties", "9999,10000", "--out", folder, "--host", "9999=bank.example.org,10.0.0.5", "--host", "10000=telco.example.net");

            Assert.True(run.ExitCode == 0, run.Stderr);
            var bank = San(FederationCertificates.PartyCertificate(folder, 9999));
            Assert.Equal(["bank.example.org", "localhost"], bank.EnumerateDnsNames().Order(StringComparer.Ordinal));
            Assert.Equal(["10.0.0.5", "127.0.0.1"], bank.EnumerateIPAddresses().Select(ip => ip.ToString()).Order(StringComparer.Ordinal));
            var telco = San(FederationCertificates.PartyCertificate(folder, 10000));
            Assert.Equal(["localhost", "telco.example.net"], telco.EnumerateDnsNames().Order(StringComparer.Ordinal));
            Assert.Equal(["127.0.0.1"], telco.EnumerateIPAddresses().Select(ip => ip.ToString()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Cert_init_with_config_names_each_party_s_address_host()
    {
        var folder = Directory.CreateTempSubdirectory("concord-cert-config-").FullName;
        try
        {
            var config = Path.Combine(folder, "parties.yaml");
            await File.WriteAllTextAsync(config, """
                federation: two-orgs
                ca: certs/ca.crt
                parties:
                  - { id: 9999, role: guest, address: "https://bank.example.org:9380", cert: certs/party-9999.crt, key: certs/party-9999.key }
                  - { id: 10000, role: host, address: "https://192.0.2.7:9380", cert: certs/party-10000.crt, key: certs/party-10000.key }
                """);
            var certs = Path.Combine(folder, "certs");

            var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "cert", "init", "--config", config, "--out", certs);

            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Contains("bank.example.org", San(FederationCertificates.PartyCertificate(certs, 9999)).EnumerateDnsNames());
            Assert.Contains("192.0.2.7", San(FederationCertificates.PartyCertificate(certs, 10000)).EnumerateIPAddresses().Select(ip => ip.ToString()));
            Assert.DoesNotContain("bank.example.org", San(FederationCertificates.PartyCertificate(certs, 10000)).EnumerateDnsNames());
            using var ca = CertificateFiles.LoadPublic(FederationCertificates.CaCertificate(certs));
            Assert.Contains("two-orgs", ca.Subject, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("9999", "is not PARTY=NAME")]
    [InlineData("9999=bad_name!", "is neither a DNS name")]
    [InlineData("12345=a.example.org", "--host names party 12345, which is not among the parties 9999")]
    public async Task A_bad_host_option_is_a_one_line_error(string host, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("concord-cert-bad-").FullName;
        try
        {
            var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "cert", "init", "--parties", "9999", "--out", folder, "--host", host);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
            Assert.Single(run.Stderr.Trim().Split('\n'));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Node_start_refuses_a_certificate_that_does_not_name_its_own_address_host()
    {
        var folder = Directory.CreateTempSubdirectory("concord-cert-cover-").FullName;
        try
        {
            var certs = Path.Combine(folder, "certs");
            FederationCertificates.Create(certs, "t", [9999], TimeSpan.FromDays(1));
            var config = Path.Combine(folder, "parties.yaml");
            await File.WriteAllTextAsync(config, """
                federation: t
                ca: certs/ca.crt
                parties:
                  - { id: 9999, role: guest, address: "https://bank.example.org:9380", cert: certs/party-9999.crt, key: certs/party-9999.key }
                """);

            var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "node", "start", "--party", "9999", "--config", config, "--home", Path.Combine(folder, "home"));

            Assert.Equal(1, run.ExitCode);
            var line = Assert.Single(run.Stderr.Trim().Split('\n'));
            Assert.Contains($"certificate {FederationCertificates.PartyCertificate(certs, 9999)} does not name host bank.example.org", line, StringComparison.Ordinal);
            Assert.Contains("`concord cert issue --party 9999 --host bank.example.org`", line, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_coverage_check_accepts_a_named_ip_or_dns_host_in_any_case()
    {
        using var ca = CertificateAuthority.Create("t", TimeSpan.FromDays(1));
        var now = DateTimeOffset.UtcNow;
        using var certificate = ca.IssueParty(9999, ["Bank.Example.org", "10.0.0.5"], now.AddMinutes(-1), now.AddDays(1));

        Assert.Null(CertificateHosts.WhyNotCovering(certificate, "c.crt", 9999, new Uri("https://BANK.example.org:9380")));
        Assert.Null(CertificateHosts.WhyNotCovering(certificate, "c.crt", 9999, new Uri("https://10.0.0.5:9380")));
        Assert.Null(CertificateHosts.WhyNotCovering(certificate, "c.crt", 9999, new Uri("https://localhost:9380")));
        Assert.NotNull(CertificateHosts.WhyNotCovering(certificate, "c.crt", 9999, new Uri("https://10.0.0.6:9380")));
        Assert.NotNull(CertificateHosts.WhyNotCovering(certificate, "c.crt", 9999, new Uri("https://other.example.org:9380")));
    }

    private static X509SubjectAlternativeNameExtension San(string certificateFile)
    {
        using var certificate = CertificateFiles.LoadPublic(certificateFile);
        return certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
    }
}
