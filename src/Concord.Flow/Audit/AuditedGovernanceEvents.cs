using Concord.Flow.Governance;

namespace Concord.Flow.Audit;

/// <summary>
/// Governance's events (grants, tokens, settings, verdicts, sign-ins, refused requests) as records of the party's
/// audit trail, handed on to <paramref name="next"/> too.
/// </summary>
public sealed class AuditedGovernanceEvents(IAuditLog audit, IGovernanceEvents next) : IGovernanceEvents
{
    public async ValueTask RecordAsync(GovernanceEvent e, CancellationToken ct)
    {
        await audit.AppendAsync(new AuditEvent(KindOf(e.Kind), e.Subject)
        {
            Actor = e.Actor,
            Detail = e.Detail.Length == 0 ? null : e.Detail,
        }, ct).ConfigureAwait(false);
        await next.RecordAsync(e, ct).ConfigureAwait(false);
    }

    private static string KindOf(string kind) => kind switch
    {
        GovernanceEvent.SignIn => AuditKinds.SignIn,
        GovernanceEvent.RequestRefused => AuditKinds.Refused,
        GovernanceEvent.JobApproved => AuditKinds.JobApproved,
        _ => $"governance.{kind}",
    };
}
