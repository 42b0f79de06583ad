namespace Concord.Flow.Governance;

public enum ApprovalDecision
{
    Approved,
    Rejected,
}

/// <summary>A party operator's verdict on a job another party asked it to run; each job is decided once.</summary>
public sealed record JobApproval(string JobId, ApprovalDecision Decision, string DecidedBy, string? Reason, DateTimeOffset DecidedAt);
