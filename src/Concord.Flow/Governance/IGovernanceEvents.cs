namespace Concord.Flow.Governance;

/// <summary>
/// A governance event the audit trail must record: a grant added or revoked, a job approved, rejected or refused
/// for want of a grant, an operator signed in, a request refused. <paramref name="Actor"/> is the operator or party
/// that caused it; <paramref name="Subject"/> the grant, job or endpoint concerned.
/// </summary>
public sealed record GovernanceEvent(string Kind, string Actor, string Subject, string Detail)
{
    public const string GrantAdded = "grant_added";
    public const string GrantRevoked = "grant_revoked";
    public const string JobApproved = "job_approved";
    public const string JobRejected = "job_rejected";
    public const string JobRefused = "job_refused";
    public const string SignIn = "sign_in";
    public const string RequestRefused = "request_refused";
    public const string TokenIssued = "token_issued";
    public const string TokenRevoked = "token_revoked";
    public const string SettingChanged = "setting_changed";
}

/// <summary>
/// The one seam through which governance hands its events to the party's audit trail. Every event above goes
/// through <see cref="RecordAsync"/> and nowhere else, so connecting the audit log means implementing this once.
/// </summary>
public interface IGovernanceEvents
{
    ValueTask RecordAsync(GovernanceEvent e, CancellationToken ct);
}

/// <summary>Drops events: the default until a node wires its audit log in.</summary>
public sealed class NoGovernanceEvents : IGovernanceEvents
{
    public static readonly NoGovernanceEvents Instance = new();

    public ValueTask RecordAsync(GovernanceEvent e, CancellationToken ct) => ValueTask.CompletedTask;
}
