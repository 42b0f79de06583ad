using System.Text.Json.Nodes;
using Concord.Federation.Parties;

namespace Concord.Flow.Dsl.Specs;

/// <summary>The job's parties as a rule sees them: how many of each role.</summary>
public sealed record JobParties(int Hosts, bool HasArbiter)
{
    /// <summary>The guest and the hosts: the data parties, the clients of horizontal training.</summary>
    public int DataParties => 1 + Hosts;
}

/// <summary>A problem a rule found, reported at <see cref="Parameter"/>'s line when the job file sets it.</summary>
public sealed record RuleViolation(string Parameter, string Message);

/// <summary>
/// A check of a component's resolved (shared) parameters against each other and the job's parties, for what no single
/// parameter's range can say, such as "min_clients must not exceed the number of clients". It runs at submit time.
/// </summary>
public delegate RuleViolation? ComponentRule(JsonObject parameters, JobParties parties);

/// <summary>
/// A check of a component's resolved parameters against the inputs the job connects to it (their slot names), such as
/// "early stopping needs validate_data". It runs at submit time, with the <see cref="ComponentRule"/>s.
/// </summary>
public delegate RuleViolation? ComponentInputRule(JsonObject parameters, IReadOnlySet<string> inputs);

/// <summary>
/// A check of one party's resolved parameters (shared, its role's and its own) against its role, for what only some roles
/// can do, such as "optimal binning needs the labels, which only the guest holds". It runs at submit time for every party.
/// </summary>
public delegate RuleViolation? ComponentPartyRule(JsonObject parameters, Role role);
