using Concord.Crypto.KeyAgreement;
using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Transport.InMemory;
using Concord.ML.SecureAggregation;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.ML.Tests.SecureAggregation;

public class PairwiseMasksTests
{
    private static readonly Tag<UInt128[]> MaskedGradient = new("masked_gradient");

    /// <summary>Masks for parties with the given ids, each seed derived by its own end of a real key agreement.</summary>
    private static List<PairwiseMasks> MasksFor(IReadOnlyList<PartyRef> parties)
    {
        var keys = parties.ToDictionary(p => p, _ => EcdhKeyPair.Generate());
        try
        {
            return [.. parties.Select(self => new PairwiseMasks(self, parties.Where(p => p != self).ToDictionary(
                peer => peer,
                peer => PairwiseSeed.Derive(keys[self], self.ToString(), keys[peer].PublicKey, peer.ToString(), "job", "secure_sum"))))];
        }
        finally
        {
            foreach (var key in keys.Values)
            {
                key.Dispose();
            }
        }
    }

    private static readonly Arbitrary<(PartyRef[] Parties, UInt128[][] Vectors, int Limbs)> Scenarios =
        (from count in Gen.Choose(2, 5)
         from ids in Gen.Shuffle(Enumerable.Range(1, 12)).Select(ids => ids.Take(count).ToArray())
         from guestAt in Gen.Choose(0, count - 1)
         from limbs in Gen.Choose(1, 2)
         from elements in Gen.Choose(0, 20)
         from words in Gen.ArrayOf(ArbMap.Default.GeneratorFor<ulong>(), count * elements * limbs * 2)
         let length = elements * limbs
         select (
             ids.Select((id, i) => i == guestAt ? PartyRef.Guest(id) : PartyRef.Host(id)).ToArray(),
             Enumerable.Range(0, count).Select(p => Enumerable.Range(0, length)
                 .Select(i => new UInt128(words[2 * (p * length + i)], words[2 * (p * length + i) + 1])).ToArray()).ToArray(),
             limbs))
        .ToArbitrary();

    private static UInt128[] Sum(IEnumerable<UInt128[]> vectors, int length, int limbs)
    {
        var total = new UInt128[length];
        foreach (var vector in vectors)
        {
            Ring.Add(total, vector, limbs);
        }
        return total;
    }

    [Fact]
    public void Masks_cancel_in_the_sum_over_all_parties_and_hide_each_vector() =>
        Prop.ForAll(Scenarios, scenario =>
        {
            var (parties, vectors, limbs) = scenario;
            var masks = MasksFor(parties);
            var masked = masks.Select((m, p) => m.Mask(vectors[p], "round-0", limbs)).ToArray();
            var length = vectors[0].Length;
            // Any proper subset of parties still carries masks shared with those outside it.
            var partial = Sum(masked.Skip(1), length, limbs);
            Ring.Subtract(partial, Sum(vectors.Skip(1), length, limbs), limbs);
            return Sum(masked, length, limbs).SequenceEqual(Sum(vectors, length, limbs))
                && (length == 0 || (masked.Zip(vectors).All(p => !p.First.SequenceEqual(p.Second)) && partial.Any(x => x != 0)));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));

    [Fact]
    public void Fresh_labels_give_fresh_masks_and_a_label_cannot_be_used_twice()
    {
        var masks = MasksFor([PartyRef.Guest(1), PartyRef.Host(2)]);
        var zeros = new UInt128[8];
        var first = masks[0].Mask(zeros, "iter-0/masked_gradient");
        var second = masks[0].Mask(zeros, "iter-1/masked_gradient");
        Assert.Empty(first.Intersect(second));
        var ex = Assert.Throws<InvalidOperationException>(() => masks[0].Mask(zeros, "iter-0/masked_gradient"));
        Assert.Contains("iter-0/masked_gradient", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_exchange_and_secure_sum_over_the_federation_return_the_plain_total()
    {
        var network = new InMemoryNetwork();
        var roster = new Roster(9999, [10000, 10001, 10002]);
        var contexts = roster.All().Select(p => new FederationContext("job-sum", p, roster, network.Join(p.Id)).Sub("secure_sum")).ToList();
        var parties = roster.All().ToList();
        UInt128[][] vectors = [[1, 2, 3], [10, 20, UInt128.MaxValue], [100, 200, 300], [1000, 2000, 3000]];

        async Task<UInt128[]?> Party(int i)
        {
            var ctx = contexts[i];
            using var masks = await KeyExchange.RunAsync(ctx, parties);
            if (i == 0)
            {
                return await new SecureSumAggregator(masks, ctx.Hosts.Members).SumAsync(ctx.Iteration(0), MaskedGradient, vectors[0]);
            }
            await new SecureSumContributor(masks, roster.Guest).ContributeAsync(ctx.Iteration(0), MaskedGradient, vectors[i]);
            return null;
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => Party(i))));
        Assert.Equal([1111, 2222, 3302], results[0]!);
    }
}
