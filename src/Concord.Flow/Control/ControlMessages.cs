using Concord.Federation.Parties;

namespace Concord.Flow.Control;

/// <summary>Who plays which role, as it travels in control messages.</summary>
public sealed record RosterSpec(int Guest, IReadOnlyList<int> Hosts, int? Arbiter = null)
{
    public Roster ToRoster() => new(Guest, Hosts, Arbiter);

    /// <summary>The role a party plays in this job; a party id acts in at most one role per job here.</summary>
    public PartyRef RoleOf(int partyId) =>
        partyId == Guest ? PartyRef.Guest(partyId)
        : Hosts.Contains(partyId) ? PartyRef.Host(partyId)
        : partyId == Arbiter ? PartyRef.Arbiter(partyId)
        : throw new ArgumentException($"party {partyId} has no role in this job (guest {Guest}, hosts {string.Join(", ", Hosts)}{(Arbiter is int a ? $", arbiter {a}" : "")})");
}

public enum TaskState
{
    Waiting,
    Running,
    Success,
    Failed,
    Canceled,

    /// <summary>A task whose party went away while it ran (its node stopped, or could no longer be reached); never a job's state.</summary>
    Interrupted,
}
