using Concord.Crypto.Profiling;
using Concord.Federation;
using Concord.Federation.Parties;
using static Concord.ML.Psi.PsiOutcomeProtocol;

namespace Concord.ML.Psi;

/// <summary>The intersection as rows, ordered by id at every party, so that the parties' rows line up.</summary>
internal static class SharedRows
{
    // Positions in the guest's list that every host matched, ordered by id so every party's rows line up.
    public static int[] Order(ShuffledIds own, int[][] hostPositions, IReadOnlyList<string> ids)
    {
        using var timing = PhaseTimer.Start(Phase.Matching);
        var shared = Enumerable.Range(0, own.Order.Length).Where(e => hostPositions.All(p => p[e] >= 0)).ToArray();
        Array.Sort(shared, (x, y) => string.CompareOrdinal(ids[own.Order[x]], ids[own.Order[y]]));
        return shared;
    }

    // The guest orders the shared ids; check that the order it sent is the id order here too, so a row mix-up
    // fails now rather than as a silently wrong model later.
    public static int[] Of(long[] positions, ShuffledIds own, IReadOnlyList<string> ids, PartyRef guest)
    {
        using var timing = PhaseTimer.Start(Phase.Matching);
        var rows = new int[positions.Length];
        var seen = new bool[own.Order.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            var position = positions[i];
            if (position < 0 || position >= own.Order.Length || seen[position])
            {
                throw new FederationException(
                    $"party {guest} sent an invalid or repeated position {position} in \"{IntersectionPositions.Name}\" ({own.Order.Length} ids here)", guest);
            }
            seen[position] = true;
            rows[i] = own.Order[position];
            if (i > 0 && string.CompareOrdinal(ids[rows[i - 1]], ids[rows[i]]) >= 0)
            {
                throw new FederationException($"party {guest} sent the intersection out of id order", guest);
            }
        }
        return rows;
    }
}
