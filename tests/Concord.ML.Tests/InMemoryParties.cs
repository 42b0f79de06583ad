using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.Federation.Recording;
using Concord.Federation.Transport;
using Concord.Federation.Transport.InMemory;

namespace Concord.ML.Tests;

/// <summary>A roster's parties joined to one in-memory network, each with a context in the same scope and its own transcript.</summary>
internal sealed record InMemoryParties(InMemoryNetwork Network, IReadOnlyDictionary<PartyRef, FederationContext> Contexts, IReadOnlyDictionary<int, Transcript> Transcripts)
{
    /// <param name="scope">Sub-scopes under the job, e.g. ["homo_lr"] or ["round-0", "secagg"].</param>
    public static InMemoryParties Join(Roster roster, string jobId, IReadOnlyList<string> scope, TimeSpan receiveTimeout)
    {
        var network = new InMemoryNetwork(new FederationOptions { ReceiveTimeout = receiveTimeout });
        var transcripts = roster.All().ToDictionary(p => p.Id, _ => new Transcript());
        var contexts = roster.All().ToDictionary(p => p, p => scope.Aggregate(
            new FederationContext(jobId, p, roster, network.Join(p.Id), transcripts[p.Id]), (ctx, name) => ctx.Sub(name)));
        return new InMemoryParties(network, contexts, transcripts);
    }
}
