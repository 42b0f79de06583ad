using Concord.Federation.Security;

namespace Concord.Cli.Tests;

/// <summary><c>concord cert issue</c> renews one party's certificate; <c>concord cert revoke</c> lists one as revoked.</summary>
public sealed class CertRotationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("concord-cert-rotate-").FullName;

    private string Certs => Path.Combine(_folder, "certs");

    [Fact]
    public async Task Issue_replaces_one_party_s_certificate_and_key_from_the_same_ca_and_leaves_the_others()
    {
        Assert.Equal(0, (await Concord("cert", "init", "--parties", "9999,10000", "--out", Certs, "--host", "9999=bank.example.org")).ExitCode);
        var untouched = new[] { "ca.crt", "ca.key", "party-10000.crt", "party-10000.key", "operator.crt", "operator.key" }
            .ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(Certs, f)));
        var oldCertificate = File.ReadAllText(FederationCertificates.PartyCertificate(Certs, 9999));
        var oldKey = File.ReadAllText(FederationCertificates.PartyKey(Certs, 9999));

        var run = await Concord("cert", "issue", "--party", "9999", "--certs", Certs, "--days", "90");

        Assert.True(run.ExitCode == 0, run.Stderr);
        foreach (var (file, bytes) in untouched)
        {
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(Certs, file)));
        }
        Assert.NotEqual(oldCertificate, File.ReadAllText(FederationCertificates.PartyCertificate(Certs, 9999)));
        Assert.NotEqual(oldKey, File.ReadAllText(FederationCertificates.PartyKey(Certs, 9999)));
        using var renewed = CertificateFiles.LoadWithKey(FederationCertificates.PartyCertificate(Certs, 9999), FederationCertificates.PartyKey(Certs, 9999));
        using var ca = CertificateFiles.LoadPublic(FederationCertificates.CaCertificate(Certs));
        Assert.Null(new PeerValidator(ca).WhyNotParty(renewed, 9999));
        // Without --host the renewal names the hosts the old certificate did.
        Assert.True(CertificateHosts.Covers(renewed, "bank.example.org"));
        Assert.InRange(renewed.NotAfter.ToUniversalTime(), DateTime.UtcNow.AddDays(89), DateTime.UtcNow.AddDays(91));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : File.GetUnixFileMode(FederationCertificates.PartyKey(Certs, 9999)));
    }

    [Fact]
    public async Task Issue_with_host_names_the_new_hosts()
    {
        FederationCertificates.Create(Certs, "t", [9999], TimeSpan.FromDays(1));

        var run = await Concord("cert", "issue", "--party", "9999", "--certs", Certs, "--host", "bank.example.org,10.1.2.3");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var renewed = CertificateFiles.LoadPublic(FederationCertificates.PartyCertificate(Certs, 9999));
        Assert.True(CertificateHosts.Covers(renewed, "bank.example.org"));
        Assert.True(CertificateHosts.Covers(renewed, "10.1.2.3"));
        Assert.True(CertificateHosts.Covers(renewed, "127.0.0.1"));
    }

    [Fact]
    public async Task Issue_without_a_ca_key_names_the_folder()
    {
        var run = await Concord("cert", "issue", "--party", "9999", "--certs", Certs);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{Certs} has no ca.crt and ca.key", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_by_party_and_by_serial_writes_a_crl_signed_by_the_ca_holding_both()
    {
        FederationCertificates.Create(Certs, "t", [9999, 10000], TimeSpan.FromDays(1));
        using var party = CertificateFiles.LoadPublic(FederationCertificates.PartyCertificate(Certs, 9999));
        var serial = CertificateSerial.Of(party);

        var byParty = await Concord("cert", "revoke", "--party", "9999", "--certs", Certs);
        var bySerial = await Concord("cert", "revoke", "--serial", "0a:bc", "--certs", Certs);

        Assert.True(byParty.ExitCode == 0, byParty.Stderr);
        Assert.Contains($"revoked party 9999's certificate serial {serial}", byParty.Stdout, StringComparison.Ordinal);
        Assert.True(bySerial.ExitCode == 0, bySerial.Stderr);
        using var ca = CertificateFiles.LoadPublic(FederationCertificates.CaCertificate(Certs));
        var revoked = RevocationListFile.Read(FederationCertificates.RevocationList(Certs), ca);
        Assert.Equal(new[] { "0ABC", serial }.Order(StringComparer.Ordinal), revoked.Order(StringComparer.Ordinal));
        using var other = CertificateFiles.LoadPublic(FederationCertificates.PartyCertificate(Certs, 10000));
        Assert.DoesNotContain(CertificateSerial.Of(other), revoked);
    }

    [Fact]
    public async Task Revoke_needs_exactly_one_of_party_and_serial()
    {
        FederationCertificates.Create(Certs, "t", [9999], TimeSpan.FromDays(1));

        var run = await Concord("cert", "revoke", "--party", "9999", "--serial", "01", "--certs", Certs);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("give exactly one of --party and --serial", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_ending_within_30_days_gets_a_warning_with_its_date_and_the_renewal_command()
    {
        using var ca = CertificateAuthority.Create("t", TimeSpan.FromDays(400));
        var now = DateTimeOffset.UtcNow;
        using var soon = ca.IssueParty(9999, now.AddMinutes(-1), now.AddDays(10.5));
        using var later = ca.IssueParty(9999, now.AddMinutes(-1), now.AddDays(60));

        var warning = CertificateExpiry.Warning(soon, "certs/party-9999.crt", now);

        Assert.NotNull(warning);
        Assert.Contains($"certificate certs/party-9999.crt expires on {soon.NotAfter.ToUniversalTime():yyyy-MM-dd}", warning, StringComparison.Ordinal);
        Assert.Contains("(in 10 days)", warning, StringComparison.Ordinal);
        Assert.Contains("`concord cert issue --party 9999`", warning, StringComparison.Ordinal);
        Assert.Null(CertificateExpiry.Warning(later, "certs/party-9999.crt", now));
        Assert.NotNull(CertificateExpiry.Warning(later, "certs/party-9999.crt", now.AddDays(31)));
    }

    private static Task<ConcordProcess.Result> Concord(params string[] arguments) => ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), arguments);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
