using Concord.Crypto.Profiling;
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
    /// <summary>Where this host's time went, for the benchmark's breakdown.</summary>
    public PhaseTimer Timings { get; } = new();

    public async Task<PsiResult> RunAsync(IReadOnlyList<string> ids, PsiOptions options, CancellationToken ct = default)
    {
        using var timing = Timings.Install();
        var guest = ctx.Roster.Guest;
        var own = BlindedIds.Of(ids, options);
        await ctx.Guest.Send(HostBlindedIds, own.Blinded, ct).ConfigureAwait(false);

        var theirs = await ctx.Guest.Receive(GuestBlindedIds, ct).ConfigureAwait(false);
        byte[] theirsTwice;
        try
        {
            theirsTwice = PointBatch.Multiply(own.Secret, theirs, $"\"{GuestBlindedIds.Name}\" from party {guest}");
        }
        catch (InvalidGroupElementException ex)
        {
            throw new FederationException(ex.Message, guest, ex);
        }
        await ctx.Guest.Send(DoublyBlindedGuestIds, theirsTwice, ct).ConfigureAwait(false);
        var rows = await PsiHostOutcome.ReceiveAsync(ctx, ids, own.Shuffled, ct).ConfigureAwait(false);
        return new PsiResult(rows, ids.Count, PsiTimings.Of(Timings));
    }
}
