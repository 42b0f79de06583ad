using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using static Concord.ML.Psi.PsiOutcomeProtocol;

namespace Concord.ML.Psi;

/// <summary>A host's end of every PSI method: the guest's verdict and, when every party outputs, which of its rows are shared.</summary>
internal static class PsiHostOutcome
{
    /// <param name="own">The host's ids in the order it sent them.</param>
    public static async Task<PsiResult> ReceiveAsync(FederationContext ctx, IReadOnlyList<string> ids, ShuffledIds own, PsiStopwatch clock, CancellationToken ct)
    {
        var guest = ctx.Roster.Guest;
        var verdict = await clock.Exchange(ctx.Guest.Receive(Verdict, ct)).ConfigureAwait(false);
        if (verdict.Failure is string failure)
        {
            throw new EmptyIntersectionException($"party {guest} stopped the intersection: {failure}");
        }
        if (!verdict.OutputAtHosts)
        {
            return new PsiResult(null, ids.Count, clock.Result);
        }
        var positions = await clock.Exchange(ctx.Guest.Receive(IntersectionPositions, ct)).ConfigureAwait(false);
        return new PsiResult(clock.Match(() => RowsOf(positions, own, ids, guest)), ids.Count, clock.Result);
    }

    // The guest orders the shared ids; check that the order it sent is the id order here too, so a row mix-up
    // fails now rather than as a silently wrong model later.
    private static int[] RowsOf(long[] positions, ShuffledIds own, IReadOnlyList<string> ids, PartyRef guest)
    {
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
