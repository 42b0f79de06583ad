using Concord.Federation.Context;
using static Concord.ML.Psi.PsiOutcomeProtocol;

namespace Concord.ML.Psi;

/// <summary>
/// The guest's end of every PSI method: from which of its ids each host holds, the ids all hold, ordered by id;
/// then the verdict to every host and, when every party outputs, each host's share as positions in its own list.
/// </summary>
internal static class PsiGuestOutcome
{
    /// <param name="own">The guest's ids in the order it sent them.</param>
    /// <param name="hostPositions">hostPositions[h][e]: where element e of the guest's list sits in host h's list, or −1.</param>
    public static async Task<PsiResult> SendAsync(
        FederationContext ctx, IReadOnlyList<string> ids, ShuffledIds own, int[][] hostPositions, PsiOptions options, PsiStopwatch clock, CancellationToken ct)
    {
        var shared = clock.Match(() => SharedOrder(own, hostPositions, ids));
        if (shared.Length == 0)
        {
            var failure = $"the intersection of the ids of {string.Join(", ", [ctx.Self, .. ctx.Roster.Hosts])} is empty"
                + " (do all parties hold the same kind of id, and use the same salt?)";
            await clock.Exchange(ctx.Hosts.Send(Verdict, new PsiVerdict(failure, false), ct)).ConfigureAwait(false);
            throw new EmptyIntersectionException(failure);
        }

        var outputAtHosts = options.Output == PsiOutput.All;
        await clock.Exchange(ctx.Hosts.Send(Verdict, new PsiVerdict(null, outputAtHosts), ct)).ConfigureAwait(false);
        if (outputAtHosts)
        {
            await clock.Exchange(Task.WhenAll(hostPositions.Select((positions, h) =>
                ctx.Hosts[h].Send(IntersectionPositions, shared.Select(e => (long)positions[e]).ToArray(), ct)))).ConfigureAwait(false);
        }
        return new PsiResult(shared.Select(e => own.Order[e]).ToArray(), ids.Count, clock.Result);
    }

    // Positions in the guest's list that every host matched, ordered by id so every party's rows line up.
    private static int[] SharedOrder(ShuffledIds own, int[][] hostPositions, IReadOnlyList<string> ids)
    {
        var shared = Enumerable.Range(0, own.Order.Length).Where(e => hostPositions.All(p => p[e] >= 0)).ToArray();
        Array.Sort(shared, (x, y) => string.CompareOrdinal(ids[own.Order[x]], ids[own.Order[y]]));
        return shared;
    }
}
