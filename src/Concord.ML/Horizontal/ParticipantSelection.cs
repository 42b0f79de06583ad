using Concord.Federation.Parties;
using Concord.ML.SecureAggregation;

namespace Concord.ML.Horizontal;

/// <summary>
/// Which clients train in a round: a fraction of them (at least the minimum), drawn from the job's seed and the round
/// number, so that a resumed run picks the same clients again. Returned in the canonical party order.
/// </summary>
public static class ParticipantSelection
{
    public static IReadOnlyList<PartyRef> Pick(IReadOnlyList<PartyRef> clients, double fraction, int minimum, long seed, int round)
    {
        var count = Math.Clamp(Math.Max((int)Math.Ceiling(fraction * clients.Count), minimum), 1, clients.Count);
        var ordered = clients.Order(Comparer<PartyRef>.Create(PairwiseMasks.Compare)).ToArray();
        if (count < ordered.Length)
        {
            new Random(unchecked((int)seed ^ (int)(seed >> 32) ^ (round * 0x3C6EF372))).Shuffle(ordered);
        }
        return [.. ordered.Take(count).Order(Comparer<PartyRef>.Create(PairwiseMasks.Compare))];
    }
}
