using System.Diagnostics;
using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Recording;
using Concord.Federation.Transport;
using Concord.Federation.Transport.Http;

namespace Concord.Federation.Tests.Http;

public class DeliveryTests
{
    private static readonly Tag<double[]> Residual = new("encrypted_residual");
    private static readonly Roster Pair = new(9999, [10000]);

    [Fact]
    public async Task A_resent_message_is_recognised_and_dropped()
    {
        await using var federation = await LoopbackFederation.StartAsync(new FederationOptions { ReceiveTimeout = TimeSpan.FromMilliseconds(300) }, 9999, 10000);
        var transport = federation.Transport(9999);
        var key = new MessageKey("job", "stats", "masked_sum", PartyRef.Guest(9999), PartyRef.Host(10000));
        PayloadWriter payload = (s, ct) => Residual.Codec.WriteAsync([7.0], s, ct);

        await transport.SendAsync(key, payload, CancellationToken.None);
        await transport.SendAsync(key, payload, CancellationToken.None);

        var mailbox = federation.Servers[10000].Mailbox;
        Assert.Equal(1, mailbox.DuplicatesDropped);
        var receiver = federation.Transport(10000);
        using (var first = await receiver.ReceiveAsync(key, CancellationToken.None))
        {
            Assert.Equal(new[] { 7.0 }, await Residual.Codec.ReadAsync(first.OpenRead(), CancellationToken.None));
        }
        await Assert.ThrowsAsync<FederationTimeoutException>(() => receiver.ReceiveAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task The_receiver_s_mailbox_records_each_delivery_once_with_its_bytes_before_anything_reads_it()
    {
        await using var federation = await LoopbackFederation.StartAsync(new FederationOptions(), 9999, 10000);
        var transcript = new Transcript();
        // As a node does: the transcript is attached to the mailbox, not to a context, so nothing read is needed.
        federation.Servers[10000].Mailbox.RecordDeliveriesTo(transcript);
        var transport = federation.Transport(9999);
        var key = new MessageKey("job", "stats", "masked_sum", PartyRef.Guest(9999), PartyRef.Host(10000));
        PayloadWriter payload = (s, ct) => Residual.Codec.WriteAsync([7.0, 8.0], s, ct);

        await transport.SendAsync(key, payload, CancellationToken.None);
        await transport.SendAsync(key, payload, CancellationToken.None);

        var delivery = Assert.Single(transcript.Delivered);
        Assert.Equal(key, delivery.Key);
        Assert.Equal(new[] { 7.0, 8.0 }, await Residual.Codec.ReadAsync(new MemoryStream(delivery.Payload), CancellationToken.None));
        Assert.Equal(delivery, Assert.Single(transcript.Unread(10000)));
        Assert.Empty(transcript.Entries);
    }

    [Fact]
    public async Task A_delivery_cut_off_mid_stream_is_retried_and_arrives_once()
    {
        var options = new FederationOptions { AttemptTimeout = TimeSpan.FromMilliseconds(500), RetryBaseDelay = TimeSpan.FromMilliseconds(20) };
        await using var federation = await LoopbackFederation.StartAsync(options, 9999, 10000);
        var attempts = 0;
        PayloadWriter stallsOnce = async (s, ct) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await s.WriteAsync(new byte[100], ct);
                await s.FlushAsync(ct);
                await Task.Delay(Timeout.Infinite, ct);
            }
            await Residual.Codec.WriteAsync([3.0], s, ct);
        };
        var key = new MessageKey("job", "", Residual.Name, PartyRef.Guest(9999), PartyRef.Host(10000));

        await federation.Transport(9999).SendAsync(key, stallsOnce, CancellationToken.None);

        Assert.Equal(2, attempts);
        var host = new FederationContext("job", PartyRef.Host(10000), Pair, federation.Transport(10000));
        Assert.Equal(new[] { 3.0 }, await host.Guest.Receive(Residual));
    }

    [Fact]
    public async Task A_peer_that_is_down_fails_in_bounded_time_with_its_name_and_address()
    {
        var options = new FederationOptions { MaxAttempts = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(50) };
        await using var federation = await LoopbackFederation.StartAsync(options, 9999);
        var deadAddress = new Uri($"https://127.0.0.1:{LoopbackPort.Free()}");
        var directory = new PartyDirectory(new Dictionary<int, Uri> { [10000] = deadAddress });
        var guest = new FederationContext("job", PartyRef.Guest(9999), Pair, federation.Transport(9999, directory: directory));

        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<PeerUnreachableException>(() => guest.Hosts.Send(Residual, [1.0]));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(PartyRef.Host(10000), ex.Party);
        Assert.Contains(deadAddress.ToString().TrimEnd('/'), ex.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_for_a_peer_that_never_sends_times_out_naming_it()
    {
        await using var federation = await LoopbackFederation.StartAsync(new FederationOptions { ReceiveTimeout = TimeSpan.FromMilliseconds(300) }, 9999, 10000);
        var host = new FederationContext("job", PartyRef.Host(10000), Pair, federation.Transport(10000));
        var ex = await Assert.ThrowsAsync<FederationTimeoutException>(() => host.Guest.Receive(Residual));
        Assert.Contains("guest:9999", ex.Message, StringComparison.Ordinal);
    }
}
