using Concord.Flow.Control;
using Concord.Flow.Governance;
using static Concord.Flow.Tests.Governance.PsiFederation;

namespace Concord.Flow.Tests.Governance;

/// <summary>Approval mode at the host: a job from the guest starts nowhere until the host's operator decides.</summary>
public class ApprovalJobTests
{
    private static async Task<(PsiFederation Federation, string JobId)> SubmitAwaitingApprovalAsync()
    {
        var federation = await StartAsync();
        await federation.HostApi.AddGrantAsync(new NewGrant(Rows.Namespace, Rows.Name, [Guest], ["psi"]), CancellationToken.None);
        await federation.HostApi.SetSettingAsync(GovernanceSettings.RequireApproval, true, CancellationToken.None);
        var jobId = await federation.GuestApi.SubmitAsync(Job(), "governed.yaml", CancellationToken.None);
        // The host records the job as pending before the submit returns; the guest follows it there.
        Assert.Equal(TaskState.PendingApproval, (await federation.HostApi.GetJobAsync(jobId, CancellationToken.None)).Job.State);
        Assert.Equal(TaskState.PendingApproval, (await federation.GuestApi.GetJobAsync(jobId, CancellationToken.None)).Job.State);
        return (federation, jobId);
    }

    [Fact]
    public async Task A_job_waits_for_approval_shows_its_components_and_tables_and_runs_once_approved()
    {
        var (federation, jobId) = await SubmitAwaitingApprovalAsync();
        await using var _ = federation;

        var review = await federation.HostApi.ReviewJobAsync(jobId, CancellationToken.None);
        Assert.Null(review.Approval);
        Assert.Equal(["reader_0", "psi_0"], review.Components.Select(c => c.Name));
        Assert.All(review.Components, c => Assert.Equal(["test/rows"], c.Tables));
        Assert.Equal("ecdh", review.Components[1].Parameters["method"]!.GetValue<string>());
        Assert.Empty(federation.Transcript.Entries);

        var verdict = await federation.HostApi.DecideJobAsync(jobId, ApprovalDecision.Approved, "reviewed", CancellationToken.None);
        var view = await federation.GuestApi.WaitAsync(jobId, null, CancellationToken.None);

        Assert.Equal(ApprovalDecision.Approved, verdict.Decision);
        Assert.Equal("operator certificate concord operator (admin)", verdict.DecidedBy);
        Assert.True(view.Job.State == TaskState.Success, view.Job.Error);
        Assert.True(federation.MessagesFromHost > 0);
    }

    [Fact]
    public async Task A_rejected_job_fails_everywhere_naming_who_rejected_it_and_why_and_cannot_be_approved_after()
    {
        var (federation, jobId) = await SubmitAwaitingApprovalAsync();
        await using var _ = federation;

        await federation.HostApi.DecideJobAsync(jobId, ApprovalDecision.Rejected, "not this quarter", CancellationToken.None);
        var view = await federation.GuestApi.WaitAsync(jobId, null, CancellationToken.None);

        Assert.Equal(TaskState.Failed, view.Job.State);
        Assert.Contains($"party {Host} refuses job {jobId}", view.Job.Error, StringComparison.Ordinal);
        Assert.Contains("not this quarter", view.Job.Error, StringComparison.Ordinal);
        Assert.Empty(federation.Transcript.Entries);
        Assert.Empty(view.Tasks);
        var again = await Assert.ThrowsAsync<Federation.FederationException>(() => federation.HostApi.DecideJobAsync(jobId, ApprovalDecision.Approved, null, CancellationToken.None));
        Assert.Contains("already rejected", again.Message, StringComparison.Ordinal);
    }
}
