using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Recording;
using Concord.Federation.Transport;
using Concord.Federation.Transport.InMemory;
using Concord.Tests.Shared;

namespace Concord.Federation.Tests.InMemory;

public class InMemoryContextTests
{
    private static readonly Tag<double[]> Residual = new("encrypted_residual");
    private static readonly Tag<double[]> Gradient = new("encrypted_gradient");
    private static readonly Roster TwoHosts = new(9999, [10000, 10001]);

    private static (FederationContext Guest, FederationContext Host0, FederationContext Host1) Contexts(InMemoryNetwork net, Transcript? transcript = null) => (
        new FederationContext("job-1", PartyRef.Guest(9999), TwoHosts, net.Join(9999), transcript),
        new FederationContext("job-1", PartyRef.Host(10000), TwoHosts, net.Join(10000), transcript),
        new FederationContext("job-1", PartyRef.Host(10001), TwoHosts, net.Join(10001), transcript));

    [Fact]
    public async Task Guest_broadcasts_and_gathers_from_every_host()
    {
        var (guest, host0, host1) = Contexts(new InMemoryNetwork());
        await guest.Hosts.Send(Residual, [1.5, -2.0]);
        foreach (var host in new[] { host0, host1 })
        {
            var residual = await host.Guest.Receive(Residual);
            await host.Guest.Send(Gradient, [.. residual.Select(r => r * host.Self.Id)]);
        }
        var gradients = await guest.Hosts.ReceiveAll(Gradient);
        Assert.Equal([15000.0, -20000.0], gradients[0]);
        Assert.Equal([15001.5, -20002.0], gradients[1]);
    }

    [Fact]
    public async Task A_receive_posted_before_the_send_completes_when_the_message_arrives()
    {
        var (guest, host0, _) = Contexts(new InMemoryNetwork());
        var pending = host0.Guest.Receive(Residual);
        Assert.False(pending.IsCompleted);
        await guest.Hosts[0].Send(Residual, [42.0]);
        Assert.Equal(new double[] { 42.0 }, await pending);
    }

    [Fact]
    public async Task Iterations_and_components_namespace_tags_apart()
    {
        var (guest, host0, _) = Contexts(new InMemoryNetwork());
        foreach (var (i, iter) in guest.Sub("hetero_lr").Iterations(3))
        {
            await iter.Hosts[0].Send(Residual, [i]);
        }
        await guest.Sub("binning").Hosts[0].Send(Residual, [-1.0]);
        var lr = host0.Sub("hetero_lr");
        Assert.Equal(new double[] { 2.0 }, await lr.Iteration(2).Guest.Receive(Residual));
        Assert.Equal(new double[] { 0.0 }, await lr.Iteration(0).Guest.Receive(Residual));
        Assert.Equal(new double[] { -1.0 }, await host0.Sub("binning").Guest.Receive(Residual));
    }

    [Fact]
    public async Task A_resent_message_is_delivered_once()
    {
        var net = new InMemoryNetwork(new FederationOptions { ReceiveTimeout = TimeSpan.FromMilliseconds(200) });
        var (guest, host0, _) = Contexts(net);
        await guest.Hosts[0].Send(Residual, [1.0]);
        await guest.Hosts[0].Send(Residual, [1.0]);
        Assert.Equal(new double[] { 1.0 }, await host0.Guest.Receive(Residual));
        await Assert.ThrowsAsync<FederationTimeoutException>(() => host0.Guest.Receive(Residual));
    }

    [Fact]
    public async Task A_missing_message_times_out_with_the_sender_named()
    {
        var net = new InMemoryNetwork(new FederationOptions { ReceiveTimeout = TimeSpan.FromMilliseconds(100) });
        var (_, host0, _) = Contexts(net);
        var ex = await Assert.ThrowsAsync<FederationTimeoutException>(() => host0.Guest.Receive(Residual));
        Assert.Contains("guest:9999", ex.Message, StringComparison.Ordinal);
        Assert.Contains("encrypted_residual", ex.Message, StringComparison.Ordinal);
        Assert.Equal(PartyRef.Guest(9999), ex.Party);
    }

    [Fact]
    public async Task Sending_to_a_party_that_is_down_names_it()
    {
        var net = new InMemoryNetwork();
        var (guest, _, _) = Contexts(net);
        net.TakeDown(10001);
        var ex = await Assert.ThrowsAsync<PeerUnreachableException>(() => guest.Hosts.Send(Residual, [1.0]));
        Assert.Equal(PartyRef.Host(10001), ex.Party);
    }

    [Fact]
    public void A_party_outside_the_roster_cannot_take_part()
    {
        var net = new InMemoryNetwork();
        var ex = Assert.Throws<FederationException>(() => new FederationContext("job-1", PartyRef.Host(12345), TwoHosts, net.Join(12345)));
        Assert.Contains("12345", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_without_an_arbiter_says_so()
    {
        var (guest, _, _) = Contexts(new InMemoryNetwork());
        Assert.Throws<FederationException>(() => guest.Arbiter);
    }

    [Fact]
    public async Task The_transcript_records_what_each_party_received()
    {
        var transcript = new Transcript();
        var (guest, host0, host1) = Contexts(new InMemoryNetwork(), transcript);
        await guest.Hosts.Send(Residual, [3.0]);
        await host0.Guest.Receive(Residual);
        await host1.Guest.Receive(Residual);
        Assert.Equal(2, transcript.Entries.Count);
        var entry = Assert.Single(transcript.ReceivedBy(10000));
        Assert.Equal("encrypted_residual", entry.Key.Tag);
        Assert.Equal([3.0], (double[])entry.Value!);
        Assert.Empty(transcript.ReceivedBy(9999));
    }

    [Fact]
    public async Task The_transcript_records_every_delivery_even_one_the_protocol_never_reads()
    {
        var transcript = new Transcript();
        var (guest, host0, _) = Contexts(new InMemoryNetwork(), transcript);
        await guest.Hosts.Send(Residual, [3.0]);
        await guest.Hosts[0].Send(Gradient, [4.0]);
        await host0.Guest.Receive(Residual);

        Assert.Equal(["encrypted_gradient", "encrypted_residual"], transcript.DeliveredTo(10000).Select(d => d.Key.Tag).Order());
        Assert.Single(transcript.DeliveredTo(10001));
        var unread = Assert.Single(transcript.Unread(10000));
        Assert.Equal(("encrypted_gradient", 9999), (unread.Key.Tag, unread.Key.From.Id));
        // The bytes as they landed, which the double[] codec reads back.
        Assert.Equal(new[] { 4.0 }, await Gradient.Codec.ReadAsync(new MemoryStream(unread.Payload), CancellationToken.None));
        Assert.Equal(transcript.ReceivedBy(10000).Single().Payload, transcript.DeliveredTo(10000).Single(d => d.Key.Tag == "encrypted_residual").Payload);
    }

    [Fact]
    public async Task The_end_of_run_assertion_fails_on_an_unread_or_unexpected_delivery_and_passes_on_a_clean_run()
    {
        var transcript = new Transcript();
        var (guest, host0, host1) = Contexts(new InMemoryNetwork(), transcript);
        await guest.Hosts.Send(Residual, [3.0]);
        await host0.Guest.Receive(Residual);
        await host1.Guest.Receive(Residual);
        var parties = new Dictionary<int, Transcript> { [9999] = transcript, [10000] = transcript, [10001] = transcript };
        var expected = new Dictionary<int, string[]> { [9999] = [], [10000] = ["encrypted_residual"], [10001] = ["encrypted_residual"] };
        TranscriptAssert.EndOfRun(null, parties, expected);

        await guest.Hosts[0].Send(Gradient, [4.0]);
        Assert.Contains("does not expect", Assert.ThrowsAny<Exception>(() => TranscriptAssert.EndOfRun(null, parties, expected)).Message, StringComparison.Ordinal);
        var expectingIt = new Dictionary<int, string[]>(expected) { [10000] = ["encrypted_residual", "encrypted_gradient"] };
        Assert.Contains("never read", Assert.ThrowsAny<Exception>(() => TranscriptAssert.EndOfRun(null, parties, expectingIt)).Message, StringComparison.Ordinal);
        // A failed run is reported as itself once no unexpected tag was delivered.
        var failure = new FederationException("party 10001 gave up");
        Assert.Same(failure, Assert.ThrowsAny<Exception>(() => TranscriptAssert.EndOfRun(failure, parties, expectingIt)));
    }
}
