using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.Federation.Recording;
using Concord.Federation.Transport.InMemory;
using Concord.ML.SecureAggregation;

namespace Concord.ML.Tests.SecureAggregation;

/// <summary>Five clients (a guest and four hosts) and an arbiter for one secure aggregation, with transcripts.</summary>
internal sealed class BonawitzFederation
{
    public const int ArbiterId = 9000;
    public static readonly int[] ClientIds = [9999, 10000, 10001, 10002, 10003];

    private BonawitzFederation(InMemoryNetwork network, IReadOnlyDictionary<int, Transcript> transcripts, IReadOnlyDictionary<PartyRef, FederationContext> contexts, Roster roster)
    {
        Network = network;
        Transcripts = transcripts;
        Contexts = contexts;
        Clients = [roster.Guest, .. roster.Hosts];
        Arbiter = roster.Arbiter!.Value;
    }

    public InMemoryNetwork Network { get; }

    public IReadOnlyDictionary<int, Transcript> Transcripts { get; }

    public IReadOnlyDictionary<PartyRef, FederationContext> Contexts { get; }

    public IReadOnlyList<PartyRef> Clients { get; }

    public PartyRef Arbiter { get; }

    public static BonawitzFederation Create()
    {
        var roster = new Roster(ClientIds[0], ClientIds[1..], ArbiterId);
        var (network, contexts, transcripts) = InMemoryParties.Join(roster, "job-secagg", ["round-0", "secagg"], TimeSpan.FromSeconds(60));
        return new BonawitzFederation(network, transcripts, contexts, roster);
    }

    public BonawitzServer Server(int threshold, TimeSpan deadline) => new(Contexts[Arbiter], Clients, threshold, deadline);

    public BonawitzClient Client(int index, int threshold) => new(Contexts[Clients[index]], Clients, threshold);

    /// <summary>Inputs like encoded model updates: small signed values in two's complement.</summary>
    public static ulong[][] Inputs(int length, int seed)
    {
        var random = new Random(seed);
        return [.. ClientIds.Select(_ => Enumerable.Range(0, length).Select(_ => (ulong)random.NextInt64(-(1L << 40), 1L << 40)).ToArray())];
    }

    public static ulong[] Sum(IEnumerable<ulong[]> vectors, int length)
    {
        var sum = new ulong[length];
        foreach (var vector in vectors)
        {
            MaskExpansion.Add(sum, vector);
        }
        return sum;
    }
}
