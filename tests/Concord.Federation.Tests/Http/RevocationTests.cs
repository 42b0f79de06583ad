using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Security;
using Concord.Federation.Transport;

namespace Concord.Federation.Tests.Http;

/// <summary>A party whose certificate the CA revoked is refused both ways, while the others keep talking.</summary>
public sealed class RevocationTests : IDisposable
{
    private static readonly Tag<double[]> Residual = new("encrypted_residual");
    private static readonly FederationOptions Fast = new()
    {
        ReceiveTimeout = TimeSpan.FromSeconds(2),
        MaxAttempts = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("concord-crl-").FullName;

    private string CrlPath => Path.Combine(_folder, "ca.crl");

    [Fact]
    public async Task A_revoked_party_is_refused_on_incoming_and_outgoing_connections_and_the_others_still_work()
    {
        await using var federation = await StartAsync(9999, 10000, 10001);
        var revoked = CertificateSerial.Of(federation.Certificates[9999]);

        RevocationListFile.Revoke(CrlPath, federation.Ca, Convert.FromHexString(revoked));

        // Incoming: 10000's server refuses 9999's client certificate.
        var fromRevoked = new FederationContext("job-in", PartyRef.Guest(9999), new Roster(9999, [10000]), federation.Transport(9999));
        await Assert.ThrowsAnyAsync<FederationException>(() => fromRevoked.Hosts.Send(Residual, [1.0]));
        Assert.Contains(federation.Refusals, r => r.Contains($"the certificate of party 9999 (serial {revoked}) is revoked by {CrlPath}", StringComparison.Ordinal));
        Assert.False(federation.Servers[10000].Mailbox.HasDelivered(new MessageKey("job-in", "", Residual.Name, PartyRef.Guest(9999), PartyRef.Host(10000))));

        // Outgoing: 10000's client refuses 9999's server certificate.
        var toRevoked = new FederationContext("job-out", PartyRef.Host(10000), new Roster(9999, [10000]), federation.Transport(10000));
        var outgoing = await Assert.ThrowsAnyAsync<FederationException>(() => toRevoked.Guest.Send(Residual, [2.0]));
        Assert.Contains($"party 9999 (serial {revoked}) is revoked", outgoing.Message, StringComparison.Ordinal);

        // The others are untouched.
        var guest = new FederationContext("job-ok", PartyRef.Guest(10001), new Roster(10001, [10000]), federation.Transport(10001));
        var host = new FederationContext("job-ok", PartyRef.Host(10000), new Roster(10001, [10000]), federation.Transport(10000));
        await guest.Hosts.Send(Residual, [0.5]);
        Assert.Equal(new[] { 0.5 }, await host.Guest.Receive(Residual));
    }

    [Fact]
    public async Task A_revocation_list_not_signed_by_the_federation_ca_refuses_every_peer()
    {
        await using var federation = await StartAsync(9999, 10000);
        using var rogue = CertificateAuthority.Create("rogue", TimeSpan.FromDays(1));
        RevocationListFile.Revoke(CrlPath, rogue, [0x01]);

        var guest = new FederationContext("job", PartyRef.Guest(9999), new Roster(9999, [10000]), federation.Transport(9999));
        var ex = await Assert.ThrowsAnyAsync<FederationException>(() => guest.Hosts.Send(Residual, [1.0]));

        // The sender's own check of the server's certificate already fails on the list.
        Assert.Contains($"revocation list {CrlPath} cannot be used", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not signed by the federation CA", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoking_twice_keeps_both_serials_and_the_list_reads_back_through_its_ca()
    {
        using var ca = CertificateAuthority.Create("t", TimeSpan.FromDays(1));
        RevocationListFile.Revoke(CrlPath, ca, [0x7A, 0x3F]);
        RevocationListFile.Revoke(CrlPath, ca, CertificateSerial.Parse("00:0b:cd", "--serial"));

        Assert.Equal(["0BCD", "7A3F"], RevocationListFile.Read(CrlPath, ca.Certificate).Order(StringComparer.Ordinal));
        Assert.StartsWith("-----BEGIN X509 CRL-----", File.ReadAllText(CrlPath), StringComparison.Ordinal);
    }

    private async Task<LoopbackFederation> StartAsync(params int[] ids)
    {
        var federation = await LoopbackFederation.StartAsync(Fast);
        federation.Revocations = new Revocations(CrlPath, federation.Ca.Certificate);
        foreach (var id in ids)
        {
            var now = DateTimeOffset.UtcNow;
            federation.Certificates[id] = federation.Ca.IssueParty(id, now.AddMinutes(-1), now.AddDays(1));
            federation.Servers[id] = await federation.StartServerAsync(id, federation.Certificates[id]);
        }
        return federation;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
