using Concord.Crypto.Profiling;
using Concord.Crypto.Ristretto;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using static Concord.ML.Psi.EcdhPsiProtocol;

namespace Concord.ML.Psi;

/// <summary>
/// The guest's role in ECDH-PSI with one or more hosts. The guest blinds its hashed ids with secret a and sends
/// them; each host returns them blinded again by its secret b, and sends its own ids blinded by b, which the guest
/// blinds by a. H(x)·a·b = H(y)·b·a exactly when x = y, so the guest finds the shared ids without ever seeing an
/// unblinded hash; a host sees only the guest's ids under a, and learns at most the intersection.
/// </summary>
/// <remarks>
/// What each side learns: the guest learns its intersection with each host separately (not only the common
/// intersection of all) and each host's set size; a host learns the guest's set size and, when every party
/// outputs, the final intersection. This is FATE's ECDH-PSI leakage. Each side shuffles its list, so a position
/// says nothing about an id's rank.
/// </remarks>
public sealed class EcdhPsiGuest(FederationContext ctx)
{
    /// <summary>Where the guest's time went, for the benchmark's breakdown.</summary>
    public PhaseTimer Timings { get; } = new();

    public async Task<PsiResult> RunAsync(IReadOnlyList<string> ids, PsiOptions options, CancellationToken ct = default)
    {
        using var timing = Timings.Install();
        var own = BlindedIds.Of(ids, options);
        await ctx.Hosts.Send(GuestBlindedIds, own.Blinded, ct).ConfigureAwait(false);

        var hosts = ctx.Roster.Hosts;
        var positions = new int[hosts.Count][];
        for (var h = 0; h < hosts.Count; h++)
        {
            positions[h] = await MatchHostAsync(ctx.Hosts[h], hosts[h], own, ct).ConfigureAwait(false);
        }
        var rows = await PsiGuestOutcome.SendAsync(ctx, ids, own.Shuffled, positions, options, ct).ConfigureAwait(false);
        return new PsiResult(rows, ids.Count, PsiTimings.Of(Timings));
    }

    /// <summary>For each element of the guest's list, the position of the same id in the host's list, or −1.</summary>
    private static async Task<int[]> MatchHostAsync(PartyGroup channel, PartyRef host, BlindedIds own, CancellationToken ct)
    {
        var theirs = await channel.Receive(HostBlindedIds, ct).ConfigureAwait(false);
        var index = ElementIndex.Of(Multiply(own.Secret, theirs, host, HostBlindedIds.Name));

        var oursTwice = await channel.Receive(DoublyBlindedGuestIds, ct).ConfigureAwait(false);
        if (oursTwice.Length != own.Blinded.Length)
        {
            throw new FederationException(
                $"party {host} returned {oursTwice.Length / Ristretto255.PointBytes} \"{DoublyBlindedGuestIds.Name}\" for {own.Blinded.Length / Ristretto255.PointBytes} ids", host);
        }
        return index.Positions(oursTwice);
    }

    private static byte[] Multiply(byte[] secret, byte[] points, PartyRef from, string tag)
    {
        try
        {
            return PointBatch.Multiply(secret, points, $"\"{tag}\" from party {from}");
        }
        catch (InvalidGroupElementException ex)
        {
            throw new FederationException(ex.Message, from, ex);
        }
    }
}
