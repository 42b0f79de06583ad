using System.Buffers.Binary;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Paillier;
using Concord.Crypto.Profiling;
using Concord.Crypto.Vector;
using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Transport.InMemory;

namespace Concord.Federation.Tests.Messaging;

public class EncryptedTagTests
{
    private static readonly EncryptedTag<CipherVector> Residual = EncryptedTag.Vector("encrypted_residual");
    private static readonly Tag<byte[]> RawResidual = new("encrypted_residual");
    private static readonly Tag<PaillierPublicKey> Key = new("paillier_public_key");
    private static readonly Roster Pair = new(9999, [10000]);
    private static readonly Lazy<PaillierKeyPair> Keys = new(() => PaillierKeyGenerator.Generate(512));

    private static (FederationContext Guest, FederationContext Host) Contexts()
    {
        var net = new InMemoryNetwork();
        return (new FederationContext("job", PartyRef.Guest(9999), Pair, net.Join(9999)), new FederationContext("job", PartyRef.Host(10000), Pair, net.Join(10000)));
    }

    private static CipherVector Vector(params long[] values) =>
        CipherVector.Encrypt(Keys.Value.PublicKey, [.. values.Select(v => BigNat.FromBigInteger(v))]);

    [Fact]
    public async Task A_vector_arrives_under_the_receivers_key_in_the_bytes_it_had_as_a_byte_string()
    {
        var (guest, host) = Contexts();
        var vector = Vector(3, 1, 4);
        await guest.Hosts.Send(Key, Keys.Value.PublicKey);
        await guest.Hosts.Send(Residual, vector);
        var key = await host.Guest.Receive(Key);
        var received = await host.Guest.Receive(Residual.Under(key, count: 3));
        Assert.Equal([3, 1, 4], received.Decrypt(Keys.Value.PrivateKey).Select(m => (long)m.ToBigInteger()));

        // Wire bytes are those of the byte[] tag carrying CipherVector.ToBytes(), so old and new parties interoperate.
        var (guest2, host2) = Contexts();
        await guest2.Hosts.Send(Residual, vector);
        Assert.Equal(vector.ToBytes(), await host2.Guest.Receive(RawResidual));
    }

    [Fact]
    public async Task A_vector_of_the_wrong_length_fails_naming_the_tag_the_party_and_the_count()
    {
        var (guest, host) = Contexts();
        await guest.Hosts.Send(Residual, Vector(1, 2));
        var ex = await Assert.ThrowsAsync<FederationException>(() => host.Guest.Receive(Residual.Under(Keys.Value.PublicKey, count: 3)));
        Assert.Contains("\"encrypted_residual\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("9999", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2 ciphertexts where 3 were expected", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task An_element_outside_the_range_of_ciphertexts_is_refused()
    {
        var key = Keys.Value.PublicKey;
        var size = key.CiphertextByteLength;
        foreach (var bad in new[] { BigNat.Zero, key.NSquared })
        {
            var (guest, host) = Contexts();
            var bytes = Vector(5, 6).ToBytes();
            bad.ToBigEndian(size).CopyTo(bytes.AsSpan(4 + size));
            await guest.Hosts.Send(RawResidual, bytes);
            var ex = await Assert.ThrowsAsync<FederationException>(() => host.Guest.Receive(Residual.Under(key)));
            Assert.Contains("element 1", ex.Message, StringComparison.Ordinal);
            Assert.Contains("[1, n²)", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_count_that_disagrees_with_the_length_is_refused_before_reading_elements()
    {
        var (guest, host) = Contexts();
        var bytes = Vector(5, 6).ToBytes();
        BinaryPrimitives.WriteInt32BigEndian(bytes, 1_000_000);
        await guest.Hosts.Send(RawResidual, bytes);
        var ex = await Assert.ThrowsAsync<FederationException>(() => host.Guest.Receive(Residual.Under(Keys.Value.PublicKey)));
        Assert.Contains("do not hold a count and 1000000 ciphertexts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sends_and_receives_are_timed_on_the_ambient_timer()
    {
        var (guest, host) = Contexts();
        var timer = new PhaseTimer();
        using (timer.Install())
        {
            await guest.Hosts.Send(Residual, Vector(7));
            await host.Guest.Receive(Residual.Under(Keys.Value.PublicKey, count: 1));
        }
        Assert.Contains(Phase.Transport, timer.Seconds.Keys);
        Assert.Contains(Phase.Serialization, timer.Seconds.Keys);
        Assert.Contains(Phase.Encrypt, timer.Seconds.Keys);
    }
}
