using Concord.Federation.Parties;
using Concord.ML.Horizontal;
using Concord.ML.Horizontal.Strategies;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.ML.Tests.Horizontal;

public class RoundMechanicsTests
{
    [Fact]
    public void Participants_are_a_seeded_fraction_never_below_the_minimum_in_canonical_order() =>
        Prop.ForAll(Gen.Choose(1, 30).ToArbitrary(), Gen.Choose(1, 100).ToArbitrary(), Gen.Choose(0, 50).ToArbitrary(), (clients, percent, round) =>
        {
            var parties = Enumerable.Range(0, clients).Select(i => i == 0 ? PartyRef.Guest(100) : PartyRef.Host(200 + i)).Reverse().ToList();
            var minimum = Math.Min(2, clients);
            var picked = ParticipantSelection.Pick(parties, percent / 100.0, minimum, seed: 42, round);
            var expected = Math.Min(clients, Math.Max((int)Math.Ceiling(percent / 100.0 * clients), minimum));
            return picked.Count == expected
                && picked.Distinct().Count() == expected
                && picked.All(parties.Contains)
                && picked.SequenceEqual(picked.OrderBy(p => p.Id))
                && picked.SequenceEqual(ParticipantSelection.Pick(parties, percent / 100.0, minimum, seed: 42, round));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void The_sum_of_weighted_updates_applies_the_weighted_mean_change()
    {
        var global = new[] { 1.0, -2.0 };
        var a = WeightedUpdate.Build([0.5, 1.0], weight: 3, loss: 0.2);
        var b = WeightedUpdate.Build([-1.0, 0.0], weight: 1, loss: 0.6);
        var sum = a.Zip(b, (x, y) => x + y).ToArray();
        var loss = new FedAvg(new HomoSettings()).Aggregate(0, global, new RoundUpdates(sum, null));
        Assert.Equal([1 + ((3 * 0.5) - 1) / 4, -2 + (3 * 1.0 / 4)], global);
        Assert.Equal((3 * 0.2 + 0.6) / 4, loss, 1e-12);
        var clipped = new[] { 3.0, 4.0 };
        Assert.Equal(5, WeightedUpdate.Clip(clipped, 1));
        Assert.Equal([0.6, 0.8], clipped.Select(v => Math.Round(v, 12)));
    }
}
