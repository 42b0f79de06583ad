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
    /// <returns>The guest's rows that every host shares, ordered by id.</returns>
    public static async Task<int[]> SendAsync(
        FederationContext ctx, IReadOnlyList<string> ids, ShuffledIds own, int[][] hostPositions, PsiOptions options, CancellationToken ct)
    {
        var shared = SharedRows.Order(own, hostPositions, ids);
        if (shared.Length == 0)
        {
            var failure = $"the intersection of the ids of {string.Join(", ", [ctx.Self, .. ctx.Roster.Hosts])} is empty"
                + " (do all parties hold the same kind of id, and use the same salt?)";
            await ctx.Hosts.Send(Verdict, new PsiVerdict(failure, false), ct).ConfigureAwait(false);
            throw new EmptyIntersectionException(failure);
        }

        var outputAtHosts = options.Output == PsiOutput.All;
        await ctx.Hosts.Send(Verdict, new PsiVerdict(null, outputAtHosts), ct).ConfigureAwait(false);
        if (outputAtHosts)
        {
            await Task.WhenAll(hostPositions.Select((positions, h) =>
                ctx.Hosts[h].Send(IntersectionPositions, shared.Select(e => (long)positions[e]).ToArray(), ct))).ConfigureAwait(false);
        }
        return [.. shared.Select(e => own.Order[e])];
    }
}
