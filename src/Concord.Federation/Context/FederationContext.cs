using Concord.Federation.Parties;
using Concord.Federation.Recording;
using Concord.Federation.Transport;

namespace Concord.Federation.Context;

/// <summary>
/// What a protocol role sees of the federation, in the shape of FATE 2.0's context:
/// <c>await ctx.Hosts.Send(EncryptedResidual, residual)</c>, <c>await ctx.Guest.Receive(EncryptedGradient)</c>.
/// Every message is keyed by job, scope (component and iteration), tag, sender and receiver.
/// </summary>
public sealed class FederationContext
{
    /// <param name="transcript">Records what this party reads and, when the transport reports deliveries, everything delivered to it.</param>
    public FederationContext(string jobId, PartyRef self, Roster roster, IFederationTransport transport, Transcript? transcript = null)
        : this(jobId, self, roster, transport, transcript, scope: "")
    {
        if (transcript is not null)
        {
            (transport as IRecordsDeliveries)?.RecordDeliveriesTo(transcript);
        }
    }

    private FederationContext(string jobId, PartyRef self, Roster roster, IFederationTransport transport, Transcript? transcript, string scope)
    {
        if (!roster.Contains(self))
        {
            throw new FederationException($"party {self} is not in this job's roster", self);
        }
        if (transport.SelfId != self.Id)
        {
            throw new FederationException($"transport speaks for party {transport.SelfId}, not {self}", self);
        }
        JobId = jobId;
        Self = self;
        Roster = roster;
        Transport = transport;
        Transcript = transcript;
        Scope = scope;
    }

    public string JobId { get; }

    public PartyRef Self { get; }

    public Roster Roster { get; }

    /// <summary>The component and iteration path that namespaces every tag sent through this context.</summary>
    public string Scope { get; }

    internal IFederationTransport Transport { get; }

    internal Transcript? Transcript { get; }

    public PartyGroup Guest => Group([Roster.Guest]);

    public PartyGroup Hosts => Group(Roster.Hosts);

    public PartyGroup Arbiter => Roster.Arbiter is PartyRef arbiter
        ? Group([arbiter])
        : throw new FederationException($"job {JobId} has no arbiter, but {Self} asked for one");

    /// <summary>Every party in the job but this one.</summary>
    public PartyGroup Peers => Group(Roster.All().Where(p => p != Self).ToList());

    public PartyGroup Group(IReadOnlyList<PartyRef> members) => new(this, members);

    /// <summary>A child scope, e.g. one component of a job, so that its tags cannot collide with another's.</summary>
    public FederationContext Sub(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"scope name \"{name}\" must be non-empty and contain no '/'", nameof(name));
        }
        return new FederationContext(JobId, Self, Roster, Transport, Transcript, Scope.Length == 0 ? name : $"{Scope}/{name}");
    }

    /// <summary>Scopes for iterations 0..count-1, so each round's messages are distinct.</summary>
    public IEnumerable<(int Index, FederationContext Context)> Iterations(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return (i, Iteration(i));
        }
    }

    public FederationContext Iteration(int index) => Sub($"iter-{index}");
}
