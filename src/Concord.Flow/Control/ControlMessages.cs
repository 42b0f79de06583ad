using System.Text.Json.Nodes;
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

/// <summary>An operator's request to the initiating guest: run one component across the roster.</summary>
public sealed record JobRequest(string? JobId, string Component, RosterSpec Roster, Dictionary<string, JsonObject>? PartyParameters);

/// <summary>The initiator's request to each party: run your role of this component.</summary>
public sealed record TaskRequest(string JobId, string Component, RosterSpec Roster, int Initiator, JsonObject Parameters);

public enum TaskState
{
    Waiting,
    Running,
    Success,
    Failed,
    Canceled,
}

/// <summary>A party's view of its own task. Result is returned only to the operator.</summary>
public sealed record TaskReport(string JobId, int Party, TaskState State, string? Error, JsonNode? Result);

/// <summary>The outcome of a job as the initiator saw it.</summary>
public sealed record JobReport(string JobId, TaskState State, string? Error, JsonNode? Result, IReadOnlyList<TaskReport> Tasks, double Seconds);
