using Concord.Federation.Security;

namespace Concord.Cli.Tests;

public class CertInitTests
{
    [Fact]
    public async Task Cert_init_writes_a_ca_and_a_certificate_naming_each_party()
    {
        var folder = Directory.CreateTempSubdirectory("concord-cert-").FullName;
        try
        {
            var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "cert", "init", "--parties", "9999,10000", "--out", folder);
            Assert.Equal(0, run.ExitCode);
            using var ca = CertificateFiles.LoadPublic(FederationCertificates.CaCertificate(folder));
            var validator = new PeerValidator(ca);
            foreach (var id in new[] { 9999, 10000 })
            {
                using var party = CertificateFiles.LoadWithKey(FederationCertificates.PartyCertificate(folder, id), FederationCertificates.PartyKey(folder, id));
                Assert.Null(validator.WhyNotParty(party, id));
                Assert.NotNull(validator.WhyNotParty(party, id + 1));
            }
            using var operatorCertificate = CertificateFiles.LoadWithKey(FederationCertificates.OperatorCertificate(folder), FederationCertificates.OperatorKey(folder));
            Assert.True(PartyIdentity.IsOperator(operatorCertificate));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_bad_party_list_is_a_one_line_error_without_a_stack_trace()
    {
        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "cert", "init", "--parties", "9999,abc", "--out", Path.GetTempPath());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: --parties: \"abc\" is not a party id", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }
}
