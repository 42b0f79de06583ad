using Concord.ML.SecureAggregation;
using Concord.Tests.Shared;

namespace Concord.ML.Tests.SecureAggregation;

/// <summary>What the arbiter received in a secure aggregation where one client dropped before masking, read from its transcript.</summary>
public class BonawitzTranscriptTests
{
    private const int Length = 4096;
    private const int Threshold = 3;
    private const int Dropping = 1;

    private static readonly Lazy<Task<(BonawitzFederation Federation, ulong[][] Inputs, Task<SecureSumResult> Result, Exception? Failure)>> Run = new(async () =>
    {
        var federation = BonawitzFederation.Create();
        var inputs = BonawitzFederation.Inputs(Length, seed: 5);
        var server = federation.Server(Threshold, TimeSpan.FromSeconds(2)).SumAsync(Length);
        var clients = inputs.Select((input, i) => Task.Run(async () =>
        {
            using var client = federation.Client(i, Threshold);
            return i == Dropping ? await client.AdvertiseKeysAsync() && await client.ShareKeysAsync() : await client.RunAsync(input);
        })).ToList();
        // Settled whatever the outcome, so that what the arbiter was delivered is checked before the result.
        return (federation, inputs, server, await ProtocolRun.SettleAsync([server, .. clients]));
    });

    /// <summary>
    /// The tags of every party but the client that drops after sharing its keys: its mailbox keeps what came after,
    /// unread, as a crashed node's would. The arbiter reads unmasking shares only until it has a threshold of them.
    /// </summary>
    private static void AssertEndOfRun(BonawitzFederation federation, Exception? failure)
    {
        string[] atClient = ["secagg_key_roster", "secagg_relayed_shares", "secagg_survivors"];
        var parties = BonawitzFederation.ClientIds.Where((_, i) => i != Dropping).Append(BonawitzFederation.ArbiterId).ToList();
        var expected = parties.ToDictionary(id => id, id => id == BonawitzFederation.ArbiterId
            ? ["secagg_public_keys", "secagg_encrypted_shares", "secagg_masked_input", "secagg_unmasking_shares"]
            : atClient);
        TranscriptAssert.EndOfRun(failure, parties.ToDictionary(id => id, id => federation.Transcripts[id]), expected, new HashSet<string> { "secagg_unmasking_shares" });
        var dropped = BonawitzFederation.ClientIds[Dropping];
        Assert.All(federation.Transcripts[dropped].DeliveredTo(dropped), d => Assert.Contains(d.Key.Tag, atClient));
    }

    [Fact]
    public async Task The_arbiter_never_receives_an_unmasked_individual_update()
    {
        var (federation, inputs, _, failure) = await Run.Value;
        var received = federation.Transcripts[BonawitzFederation.ArbiterId].Entries;
        var delivered = federation.Transcripts[BonawitzFederation.ArbiterId].DeliveredTo(BonawitzFederation.ArbiterId).ToList();
        var masked = received.Where(e => e.Key.Tag == "secagg_masked_input").Select(e => (ulong[])e.Value!).ToList();
        foreach (var vector in masked)
        {
            // Inputs are below 2^40 in magnitude; a masked value is uniform in Z_2^64, so below 2^48 with probability 2^-15.
            var small = vector.Count(v => (long)v is > -(1L << 48) and < 1L << 48);
            Assert.True(small < 10, $"{small} of {Length} masked values are small: the input shows through");
            Assert.DoesNotContain(inputs, input => input.SequenceEqual(vector));
        }
        // No other message carries a vector of the inputs' length, masked or not.
        Assert.DoesNotContain(received, e => e.Key.Tag != "secagg_masked_input" && e.Value is ulong[]);
        // Nor any input's values as raw bytes, in any payload.
        foreach (var input in inputs)
        {
            var needle = input.Take(4).SelectMany(BitConverter.GetBytes).ToArray();
            Assert.DoesNotContain(delivered, e => e.Payload.AsSpan().IndexOf(needle) >= 0);
        }
        AssertEndOfRun(federation, failure);
        Assert.Equal(4, masked.Count);
    }

    [Fact]
    public async Task The_arbiter_gets_either_self_mask_or_mask_key_shares_of_a_client_never_both_and_cannot_read_the_envelopes()
    {
        var (federation, _, server, failure) = await Run.Value;
        AssertEndOfRun(federation, failure);
        var result = await server;
        var received = federation.Transcripts[BonawitzFederation.ArbiterId].Entries;
        var revealed = received.Where(e => e.Key.Tag == "secagg_unmasking_shares").Select(e => (UnmaskingShares)e.Value!).ToList();
        Assert.NotEmpty(revealed);
        var dropped = federation.Clients[Dropping].ToString();
        Assert.Equal([dropped], result.Dropped.Select(p => p.ToString()));
        foreach (var shares in revealed)
        {
            Assert.Empty(shares.SelfSeedOwners.Intersect(shares.MaskKeyOwners));
            Assert.Equal([dropped], shares.MaskKeyOwners);
            Assert.DoesNotContain(dropped, shares.SelfSeedOwners);
        }
        // The relayed envelopes are AES-GCM ciphertexts: the share records inside never appear in clear.
        var sealedShares = received.Where(e => e.Key.Tag == "secagg_encrypted_shares").ToList();
        Assert.Equal(5, sealedShares.Count);
        Assert.All(sealedShares, e => Assert.DoesNotContain("MaskKeyShare", System.Text.Encoding.UTF8.GetString(((SealedShares)e.Value!).Envelopes.SelectMany(b => b).ToArray()), StringComparison.Ordinal));
    }

    [Fact]
    public void An_envelope_altered_by_the_relay_is_refused()
    {
        using var alice = Crypto.KeyAgreement.EcdhKeyPair.Generate();
        using var bob = Crypto.KeyAgreement.EcdhKeyPair.Generate();
        var envelope = ShareEnvelope.Seal(alice, "guest:1", bob.PublicKey, "host:2", "job", "round-0", [1, 2, 3]);
        Assert.Equal([1, 2, 3], ShareEnvelope.Open(bob, "host:2", alice.PublicKey, "guest:1", "job", "round-0", envelope));
        envelope[^1] ^= 1;
        Assert.Throws<ArgumentException>(() => ShareEnvelope.Open(bob, "host:2", alice.PublicKey, "guest:1", "job", "round-0", envelope));
        // Replayed into another round, an intact envelope fails too.
        envelope[^1] ^= 1;
        Assert.Throws<ArgumentException>(() => ShareEnvelope.Open(bob, "host:2", alice.PublicKey, "guest:1", "job", "round-1", envelope));
    }
}
