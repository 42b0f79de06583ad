using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Security;
using Concord.Federation.Transport;
using Concord.Federation.Transport.Http;

namespace Concord.Federation.Tests.Http;

public class MutualTlsTests
{
    private static readonly Tag<double[]> Residual = new("encrypted_residual");
    private static readonly Roster Pair = new(9999, [10000]);
    private static readonly FederationOptions Fast = new()
    {
        ReceiveTimeout = TimeSpan.FromSeconds(2),
        MaxAttempts = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
    };

    [Fact]
    public async Task Two_parties_exchange_a_message_over_mutual_tls()
    {
        await using var federation = await LoopbackFederation.StartAsync(Fast, 9999, 10000);
        var guest = new FederationContext("job", PartyRef.Guest(9999), Pair, federation.Transport(9999));
        var host = new FederationContext("job", PartyRef.Host(10000), Pair, federation.Transport(10000));
        await guest.Hosts.Send(Residual, [0.25, -4.0]);
        Assert.Equal(new[] { 0.25, -4.0 }, await host.Guest.Receive(Residual));
    }

    [Fact]
    public async Task A_peer_whose_certificate_another_ca_signed_is_rejected()
    {
        await using var federation = await LoopbackFederation.StartAsync(Fast, 9999, 10000);
        using var rogueCa = CertificateAuthority.Create("rogue", TimeSpan.FromDays(1));
        var now = DateTimeOffset.UtcNow;
        using var rogueCertificate = rogueCa.IssueParty(9999, now.AddMinutes(-1), now.AddDays(1));
        var rogue = new FederationContext("job", PartyRef.Guest(9999), Pair, federation.Transport(9999, rogueCertificate, trustedCa: federation.Ca.Certificate));

        var ex = await Assert.ThrowsAnyAsync<FederationException>(() => rogue.Hosts.Send(Residual, [1.0]));

        Assert.Contains("10000", ex.Message, StringComparison.Ordinal);
        Assert.Contains(federation.Servers[10000].RejectedPeers, r => r.Contains("not signed by this federation's CA", StringComparison.Ordinal));
        Assert.False(federation.Servers[10000].Mailbox.HasDelivered(new MessageKey("job", "", Residual.Name, PartyRef.Guest(9999), PartyRef.Host(10000))));
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task A_foreign_ca_client_certificate_is_logged_with_its_subject_and_issuer_over_tls_12_and_13(SslProtocols protocol)
    {
        await using var federation = await LoopbackFederation.StartAsync(Fast, 10000);
        using var rogueCa = CertificateAuthority.Create("rogue", TimeSpan.FromDays(1));
        var now = DateTimeOffset.UtcNow;
        using var rogueCertificate = rogueCa.IssueParty(9999, now.AddMinutes(-1), now.AddDays(1));
        var address = federation.Servers[10000].Address;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var tls = new SslStream(tcp.GetStream());

        // Under TLS 1.3 the client's certificate travels after the server's Finished, so the client's handshake
        // succeeds and the refusal shows only as the server closing the connection.
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = protocol,
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => rogueCertificate,
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        Assert.Equal(protocol, tls.SslProtocol);
        try
        {
            await tls.WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray());
            Assert.Equal(0, await tls.ReadAsync(new byte[64]));
        }
        catch (IOException)
        {
            // The server may reset the connection rather than close it: either way it answered nothing.
        }

        var line = Assert.Single(federation.Refusals);
        Assert.Contains("rejected a TLS client", line, StringComparison.Ordinal);
        Assert.Contains("\"CN=concord party 9999, O=Concord\" (issued by \"CN=rogue federation CA, O=Concord\")", line, StringComparison.Ordinal);
        Assert.Contains("not signed by this federation's CA", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sender_that_claims_another_partys_id_is_refused()
    {
        await using var federation = await LoopbackFederation.StartAsync(Fast, 9999, 10000, 10001);
        // Party 10001 holds a valid certificate, but signs its messages as the guest 9999.
        var impostor = new FederationContext("job", PartyRef.Guest(9999), Pair, federation.Transport(9999, federation.Certificates[10001]));

        var ex = await Assert.ThrowsAsync<FederationException>(() => impostor.Hosts.Send(Residual, [1.0]));

        Assert.Contains("certificate names party 10001", ex.Message, StringComparison.Ordinal);
        Assert.Contains("claims to come from party 9999", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_answers_for_another_party_is_refused()
    {
        await using var federation = await LoopbackFederation.StartAsync(Fast, 9999, 10000, 10001);
        // The directory is poisoned: "party 10000" points at party 10001's node.
        var poisoned = new PartyDirectory(new Dictionary<int, Uri> { [10000] = federation.Servers[10001].Address });
        var guest = new FederationContext("job", PartyRef.Guest(9999), Pair, federation.Transport(9999, directory: poisoned));

        var ex = await Assert.ThrowsAsync<FederationException>(() => guest.Hosts.Send(Residual, [1.0]));

        Assert.Contains("names party 10001, not party 10000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_client_certificate_is_rejected_by_the_server()
    {
        await using var federation = await LoopbackFederation.StartAsync(Fast, 9999, 10000);
        var past = DateTimeOffset.UtcNow.AddDays(-10);
        using var expired = federation.Ca.IssueParty(9999, past, past.AddDays(1));
        var guest = new FederationContext("job", PartyRef.Guest(9999), Pair, federation.Transport(9999, expired));

        await Assert.ThrowsAnyAsync<FederationException>(() => guest.Hosts.Send(Residual, [1.0]));

        Assert.Contains(federation.Servers[10000].RejectedPeers, r => r.Contains("expired", StringComparison.Ordinal));
    }

    [Fact]
    public void Loading_an_expired_certificate_names_the_file_and_the_date()
    {
        using var ca = CertificateAuthority.Create("test", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(30));
        var past = DateTimeOffset.UtcNow.AddDays(-10);
        using var expired = ca.IssueParty(9999, past, past.AddDays(1));
        var dir = Directory.CreateTempSubdirectory("concord-cert-");
        try
        {
            var crt = Path.Combine(dir.FullName, "party-9999.crt");
            var key = Path.Combine(dir.FullName, "party-9999.key");
            CertificateFiles.Save(expired, crt, key);
            var ex = Assert.Throws<FederationException>(() => CertificateFiles.LoadWithKey(crt, key));
            Assert.Contains(crt, ex.Message, StringComparison.Ordinal);
            Assert.Contains("expired on", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Sending_to_an_unknown_party_names_it()
    {
        await using var federation = await LoopbackFederation.StartAsync(Fast, 9999, 10000);
        var roster = new Roster(9999, [10000, 20000]);
        var guest = new FederationContext("job", PartyRef.Guest(9999), roster, federation.Transport(9999));
        var ex = await Assert.ThrowsAsync<FederationException>(() => guest.Hosts[1].Send(Residual, [1.0]));
        Assert.Contains("unknown party 20000", ex.Message, StringComparison.Ordinal);
    }
}
