using Concord.Federation.Context;
using static Concord.ML.Psi.PsiOutcomeProtocol;

namespace Concord.ML.Psi;

/// <summary>A host's end of every PSI method: the guest's verdict and, when every party outputs, which of its rows are shared.</summary>
internal static class PsiHostOutcome
{
    /// <param name="own">The host's ids in the order it sent them.</param>
    /// <returns>The host's shared rows, ordered by id; null when only the guest receives the intersection.</returns>
    public static async Task<int[]?> ReceiveAsync(FederationContext ctx, IReadOnlyList<string> ids, ShuffledIds own, CancellationToken ct)
    {
        var guest = ctx.Roster.Guest;
        var verdict = await ctx.Guest.Receive(Verdict, ct).ConfigureAwait(false);
        if (verdict.Failure is string failure)
        {
            throw new EmptyIntersectionException($"party {guest} stopped the intersection: {failure}");
        }
        if (!verdict.OutputAtHosts)
        {
            return null;
        }
        var positions = await ctx.Guest.Receive(IntersectionPositions, ct).ConfigureAwait(false);
        return SharedRows.Of(positions, own, ids, guest);
    }
}
