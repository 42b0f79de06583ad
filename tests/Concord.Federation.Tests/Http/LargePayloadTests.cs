using System.Security.Cryptography;
using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Transport;

namespace Concord.Federation.Tests.Http;

/// <summary>
/// Runs alone: the memory test reads the whole process's managed heap, which other test classes streaming
/// megabytes in parallel (the flood tests) would inflate.
/// </summary>
[CollectionDefinition(nameof(LargePayloadTests), DisableParallelization = true)]
public sealed class LargePayloadCollection;

[Collection(nameof(LargePayloadTests))]
public class LargePayloadTests
{
    private const int Ciphertexts = 100_000;
    private const int CiphertextBytes = 512;
    private static readonly Roster Pair = new(9999, [10000]);

    [Fact]
    public async Task A_vector_of_100k_512_byte_ciphertexts_arrives_intact()
    {
        await using var federation = await LoopbackFederation.StartAsync(new FederationOptions(), 9999, 10000);
        var tag = new Tag<byte[][]>("encrypted_gradient");
        var random = new Random(7);
        var vector = Enumerable.Range(0, Ciphertexts).Select(_ =>
        {
            var c = new byte[CiphertextBytes];
            random.NextBytes(c);
            return c;
        }).ToArray();
        var guest = new FederationContext("job", PartyRef.Guest(9999), Pair, federation.Transport(9999));
        var host = new FederationContext("job", PartyRef.Host(10000), Pair, federation.Transport(10000));

        await guest.Hosts.Send(tag, vector);
        var received = await host.Guest.Receive(tag);

        Assert.Equal(Ciphertexts, received.Length);
        Assert.Equal(Digest(vector), Digest(received));
    }

    [Fact]
    public async Task Streaming_50_MB_holds_only_a_few_chunks_in_memory()
    {
        await using var federation = await LoopbackFederation.StartAsync(new FederationOptions { InMemoryPayloadLimit = 1024 * 1024 }, 9999, 10000);
        var tag = new Tag<GeneratedCiphertexts>("encrypted_gradient", new GeneratedCiphertextsCodec());
        var guest = new FederationContext("job", PartyRef.Guest(9999), Pair, federation.Transport(9999));
        var host = new FederationContext("job", PartyRef.Host(10000), Pair, federation.Transport(10000));
        var sent = new GeneratedCiphertexts(Ciphertexts, Seed: 11, Digest: []);

        using var sampler = new HeapSampler();
        await guest.Hosts.Send(tag, sent);
        var received = await host.Guest.Receive(tag);
        var peak = sampler.PeakGrowthBytes;

        Assert.Equal(GeneratedCiphertextsCodec.ExpectedDigest(sent), received.Digest);
        // 51.2 MB crossed; live memory (about 4 MiB measured) never approached it, so no side held it whole.
        Assert.True(peak < 12 * 1024 * 1024, $"managed heap grew by {peak / (1024 * 1024.0):F1} MiB while streaming 51.2 MB");
    }

    private static byte[] Digest(byte[][] vector)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var item in vector)
        {
            hash.AppendData(item);
        }
        return hash.GetHashAndReset();
    }

    /// <summary>A ciphertext vector that exists only as it streams: generated on send, hashed on receipt.</summary>
    private sealed record GeneratedCiphertexts(int Count, int Seed, byte[] Digest);

    private sealed class GeneratedCiphertextsCodec : IPayloadCodec<GeneratedCiphertexts>
    {
        public static byte[] ExpectedDigest(GeneratedCiphertexts vector)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var random = new Random(vector.Seed);
            var item = new byte[CiphertextBytes];
            for (var i = 0; i < vector.Count; i++)
            {
                random.NextBytes(item);
                hash.AppendData(item);
            }
            return hash.GetHashAndReset();
        }

        public async ValueTask WriteAsync(GeneratedCiphertexts value, Stream destination, CancellationToken ct)
        {
            await destination.WriteAsync(BitConverter.GetBytes(value.Count), ct);
            var random = new Random(value.Seed);
            var item = new byte[CiphertextBytes];
            for (var i = 0; i < value.Count; i++)
            {
                random.NextBytes(item);
                await destination.WriteAsync(item, ct);
            }
        }

        public async ValueTask<GeneratedCiphertexts> ReadAsync(Stream source, CancellationToken ct)
        {
            var header = new byte[4];
            await source.ReadExactlyAsync(header, ct);
            var count = BitConverter.ToInt32(header);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var item = new byte[CiphertextBytes];
            for (var i = 0; i < count; i++)
            {
                await source.ReadExactlyAsync(item, ct);
                hash.AppendData(item);
            }
            return new GeneratedCiphertexts(count, 0, hash.GetHashAndReset());
        }
    }

    /// <summary>
    /// Samples live managed memory (after a collection, so garbage already dropped does not count) on a
    /// background thread and keeps the largest growth seen.
    /// </summary>
    private sealed class HeapSampler : IDisposable
    {
        private readonly long _baseline;
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _peak;

        public HeapSampler()
        {
            _baseline = GC.GetTotalMemory(forceFullCollection: true);
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    var growth = GC.GetTotalMemory(forceFullCollection: true) - _baseline;
                    if (growth > Interlocked.Read(ref _peak))
                    {
                        Interlocked.Exchange(ref _peak, growth);
                    }
                    Thread.Sleep(5);
                }
            })
            { IsBackground = true };
            _thread.Start();
        }

        public long PeakGrowthBytes => Interlocked.Read(ref _peak);

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }
}
