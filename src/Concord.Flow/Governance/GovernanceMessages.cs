using System.Text.Json.Nodes;
using Concord.Flow.Store;

namespace Concord.Flow.Governance;

/// <summary>An admin's request for a token of one role; the secret comes back once.</summary>
public sealed record IssueToken(string Name, string Role);

/// <summary>An operator's verdict on a waiting job, with an optional reason the initiator will read.</summary>
public sealed record JobVerdict(string? Reason);

/// <summary>What an approver sees before deciding: the job, and this party's part of it, component by component.</summary>
public sealed record JobReview(JobRecord Job, IReadOnlyList<ReviewedComponent> Components, JobApproval? Approval);

/// <summary>One component as it would run here: its inputs, this party's parameters, and the tables it would touch.</summary>
public sealed record ReviewedComponent(string Name, string Type, IReadOnlyList<string> Inputs, JsonObject Parameters, IReadOnlyList<string> Tables);

/// <summary>Who the caller is, as the node sees it.</summary>
public sealed record WhoAmI(string Name, string Role, int Party);
