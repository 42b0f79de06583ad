using Concord.Federation.Security;

namespace Concord.Cli.Tests;

public class CertIssueOperatorTests
{
    [Fact]
    public async Task Issue_operator_writes_a_certificate_from_the_federation_ca_that_carries_its_role()
    {
        var folder = Directory.CreateTempSubdirectory("concord-cert-role-").FullName;
        try
        {
            FederationCertificates.Create(folder, "roles", [9999], TimeSpan.FromDays(1));
            var output = Path.Combine(folder, "dana");

            var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "cert", "issue-operator", "--certs", folder, "--role", "data-scientist", "--name", "Dana Lee", "--out", output);

            Assert.True(run.ExitCode == 0, run.Stderr);
            using var certificate = CertificateFiles.LoadWithKey(FederationCertificates.OperatorCertificate(output), FederationCertificates.OperatorKey(output));
            Assert.True(PartyIdentity.IsOperator(certificate));
            Assert.Equal("data_scientist", PartyIdentity.OperatorRoleOf(certificate));
            using var ca = CertificateFiles.LoadPublic(FederationCertificates.CaCertificate(folder));
            using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
            chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
            Assert.True(chain.Build(certificate));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_role_is_a_one_line_error_naming_the_roles()
    {
        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "cert", "issue-operator", "--certs", Path.GetTempPath(), "--role", "superuser", "--name", "x", "--out", Path.GetTempPath());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("unknown operator role \"superuser\"; the roles are admin, data_scientist, auditor", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }
}
