using Concord.Crypto.Ristretto;
using Concord.Federation;
using Concord.Federation.Context;
using static Concord.ML.Psi.EcdhPsiProtocol;

namespace Concord.ML.Psi;

/// <summary>
/// A host's role in ECDH-PSI: it sends its hashed ids blinded by its secret b, blinds the guest's blinded ids
/// again, and, when every party outputs, learns which of its rows are shared. See <see cref="EcdhPsiGuest"/>.
/// </summary>
public sealed class EcdhPsiHost(FederationContext ctx)
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
            theirsTwice = clock.Exponentiate(() => PointBatch.Multiply(own.Secret, theirs, $"\"{GuestBlindedIds.Name}\" from party {guest}"));
        }
        catch (InvalidGroupElementException ex)
        {
            throw new FederationException(ex.Message, guest, ex);
        }
        await clock.Exchange(ctx.Guest.Send(DoublyBlindedGuestIds, theirsTwice, ct)).ConfigureAwait(false);
        return await PsiHostOutcome.ReceiveAsync(ctx, ids, own.Shuffled, clock, ct).ConfigureAwait(false);
    }
}
