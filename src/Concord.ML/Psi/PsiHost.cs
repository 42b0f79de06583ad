using Concord.Crypto.Ristretto;
using Concord.Federation;
using Concord.Federation.Context;
using static Concord.ML.Psi.PsiProtocol;

namespace Concord.ML.Psi;

/// <summary>
/// A host's role in ECDH-PSI: it sends its hashed ids blinded by its secret b, blinds the guest's blinded ids
/// again, and, when every party outputs, learns which of its rows are shared. See <see cref="PsiGuest"/>.
/// </summary>
public sealed class PsiHost(FederationContext ctx)
{
    public async Task<PsiResult> RunAsync(IReadOnlyList<string> ids, PsiOptions options, CancellationToken ct = default)
    {
        var guest = ctx.Roster.Guest;
        var clock = new PsiStopwatch();
        var own = BlindedIds.Of(ids, options, clock);
        await clock.Exchange(ctx.Guest.Send(HostBlindedIds, own.Blinded, ct)).ConfigureAwait(false);

        var theirs = await clock.Exchange(ctx.Guest.Receive(GuestBlindedIds, ct)).ConfigureAwait(false);
        byte[] theirsTwice;
        try
        {
            theirsTwice = clock.Multiply(() => PointBatch.Multiply(own.Secret, theirs, $"\"{GuestBlindedIds.Name}\" from party {guest}"));
        }
        catch (InvalidGroupElementException ex)
        {
            throw new FederationException(ex.Message, guest, ex);
        }
        await clock.Exchange(ctx.Guest.Send(DoublyBlindedGuestIds, theirsTwice, ct)).ConfigureAwait(false);

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
        return new PsiResult(clock.Match(() => RowsOf(positions, own, ids)), ids.Count, clock.Result);
    }

    // The guest orders the shared ids; check that the order it sent is the id order here too, so a row mix-up
    // fails now rather than as a silently wrong model later.
    private int[] RowsOf(long[] positions, BlindedIds own, IReadOnlyList<string> ids)
    {
        var rows = new int[positions.Length];
        var seen = new bool[own.Order.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            var position = positions[i];
            if (position < 0 || position >= own.Order.Length || seen[position])
            {
                throw new FederationException(
                    $"party {ctx.Roster.Guest} sent an invalid or repeated position {position} in \"{IntersectionPositions.Name}\" ({own.Order.Length} ids here)", ctx.Roster.Guest);
            }
            seen[position] = true;
            rows[i] = own.Order[position];
            if (i > 0 && string.CompareOrdinal(ids[rows[i - 1]], ids[rows[i]]) >= 0)
            {
                throw new FederationException($"party {ctx.Roster.Guest} sent the intersection out of id order", ctx.Roster.Guest);
            }
        }
        return rows;
    }
}
