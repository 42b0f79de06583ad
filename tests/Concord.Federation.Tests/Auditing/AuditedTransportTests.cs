using System.Collections.Concurrent;
using System.Security.Cryptography;
using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Transport;
using Concord.Federation.Transport.Auditing;
using Concord.Federation.Transport.InMemory;

namespace Concord.Federation.Tests.Auditing;

public sealed class AuditedTransportTests
{
    private static readonly Tag<double[]> Vector = new("vector");
    private static readonly Roster Pair = new(9999, [10000]);

    private sealed class Recorder : IMessageAudit
    {
        public ConcurrentQueue<MessageSeen> Seen { get; } = new();

        public ValueTask RecordAsync(MessageSeen message)
        {
            Seen.Enqueue(message);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A transport whose every send fails, as one to an unreachable peer would.</summary>
    private sealed class Unreachable(IFederationTransport inner) : IFederationTransport
    {
        public int SelfId => inner.SelfId;

        public FederationOptions Options => inner.Options;

        public async Task SendAsync(MessageKey key, PayloadWriter payload, CancellationToken ct)
        {
            await payload(Stream.Null, ct);
            throw new PeerUnreachableException($"party {key.To} is unreachable", key.To);
        }

        public Task<IncomingPayload> ReceiveAsync(MessageKey key, CancellationToken ct) => inner.ReceiveAsync(key, ct);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static async Task<byte[]> WireBytesAsync(double[] value)
    {
        using var bytes = new MemoryStream();
        await Vector.Codec.WriteAsync(value, bytes, CancellationToken.None);
        return bytes.ToArray();
    }

    [Theory]
    [InlineData(3)]
    // About 8 MB: the receiver spools it to disk rather than holding it in memory.
    [InlineData(1_000_000)]
    public async Task Both_ends_record_the_payloads_size_and_sha256_as_on_the_wire(int length)
    {
        var spool = Directory.CreateTempSubdirectory("concord-audit-spool-");
        var network = new InMemoryNetwork(new FederationOptions { SpoolDirectory = spool.FullName });
        var (sent, received) = (new Recorder(), new Recorder());
        var guest = new FederationContext("job-1.attempt-1", PartyRef.Guest(9999), Pair, new AuditedTransport(network.Join(9999), sent));
        var host = new FederationContext("job-1.attempt-1", PartyRef.Host(10000), Pair, new AuditedTransport(network.Join(10000), received));
        var value = Enumerable.Range(0, length).Select(i => i * 0.5).ToArray();

        await guest.Sub("psi_0").Hosts.Send(Vector, value);
        Assert.Equal(value, await host.Sub("psi_0").Guest.Receive(Vector));

        var wire = await WireBytesAsync(value);
        var (outgoing, incoming) = (Assert.Single(sent.Seen), Assert.Single(received.Seen));
        Assert.Equal((MessageDirection.Sent, MessageDirection.Received), (outgoing.Direction, incoming.Direction));
        Assert.Equal(new MessageKey("job-1.attempt-1", "psi_0", "vector", PartyRef.Guest(9999), PartyRef.Host(10000)), incoming.Key);
        Assert.Equal(outgoing.Key, incoming.Key);
        Assert.Equal((wire.LongLength, wire.LongLength), (outgoing.Bytes, incoming.Bytes));
        Assert.Equal(SHA256.HashData(wire), await outgoing.Sha256);
        Assert.Equal(SHA256.HashData(wire), await incoming.Sha256);
        spool.Delete(recursive: true);
    }

    [Fact]
    public async Task A_send_that_fails_is_not_recorded_as_sent()
    {
        var network = new InMemoryNetwork();
        var sent = new Recorder();
        var guest = new FederationContext("job-1", PartyRef.Guest(9999), Pair, new AuditedTransport(new Unreachable(network.Join(9999)), sent));

        await Assert.ThrowsAsync<PeerUnreachableException>(() => guest.Hosts.Send(Vector, [1.0]));

        Assert.Empty(sent.Seen);
    }
}
