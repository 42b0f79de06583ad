using Concord.Data;
using Concord.Federation;
using Concord.Federation.Context;
using static Concord.ML.Preprocessing.Sample.SampleProtocol;

namespace Concord.ML.Preprocessing.Sample;

/// <summary>A host's role in a synchronized sample (see <see cref="SampleGuest"/>): it keeps the rows the guest drew.</summary>
public sealed class SampleHost(FederationContext ctx)
{
    public async Task<PartyTable> RunAsync(PartyTable table, SampleOptions options, long seed, CancellationToken ct = default)
    {
        if (!options.HeteroSync)
        {
            return LocalSample.Of(table, options, seed);
        }
        var guest = ctx.Roster.Guest;
        var draw = await ctx.Guest.Receive(Draw, ct).ConfigureAwait(false);
        if (draw.Rejection is string reason || draw.Ids is null)
        {
            throw new FederationException($"the guest stopped sample: {draw.Rejection ?? "it sent no ids"}", guest);
        }
        var row = table.Ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        var rows = draw.Ids.Select(id => row.TryGetValue(id, out var i)
            ? i
            : throw new FederationException($"party {guest} drew an id this host does not hold: intersect with psi before sample", guest)).ToArray();
        return Take(table, rows);
    }
}
