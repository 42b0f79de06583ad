using Concord.Flow.Control;
using Concord.Flow.Governance;
using static Concord.Flow.Tests.Governance.PsiFederation;

namespace Concord.Flow.Tests.Governance;

/// <summary>Data grants over real nodes: a host's table moves only for a job its grants allow, checked before any of it moves.</summary>
public class GrantJobTests
{
    private static NewGrant Grant(params string[] components) => new(Rows.Namespace, Rows.Name, [Guest], components);

    [Fact]
    public async Task A_job_without_a_grant_fails_at_the_host_before_any_host_payload_moves()
    {
        await using var federation = await StartAsync();

        var view = await federation.RunAsync();

        Assert.Equal(TaskState.Failed, view.Job.State);
        Assert.Contains($"party {Host} refuses job {view.Job.JobId}", view.Job.Error, StringComparison.Ordinal);
        Assert.Contains("psi_0 (psi) would touch table test/rows", view.Job.Error, StringComparison.Ordinal);
        Assert.Contains($"no grant lets party {Guest} use test/rows for psi", view.Job.Error, StringComparison.Ordinal);
        // Refused before the job started anywhere: no message crossed, and no component ran at either party.
        Assert.Empty(federation.Transcript.Entries);
        Assert.Empty(view.Tasks);
        var atHost = (await federation.HostApi.GetJobAsync(view.Job.JobId, CancellationToken.None)).Job;
        Assert.Equal(TaskState.Failed, atHost.State);
        Assert.Contains("would touch table test/rows", atHost.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_granted_job_runs_and_the_host_sends_its_data_but_no_host_only_id_reaches_the_guest()
    {
        await using var federation = await StartAsync();
        await federation.HostApi.AddGrantAsync(Grant("psi"), CancellationToken.None);

        var view = await federation.RunAsync();

        Assert.True(view.Job.State == TaskState.Success, view.Job.Error);
        // The positive control of the test above: with the grant, host payloads do cross.
        Assert.True(federation.MessagesFromHost > 0);
        var logs = await federation.GuestApi.LogsAsync(view.Job.JobId, null, null, 0, CancellationToken.None);
        var metrics = await federation.GuestApi.MetricsAsync(view.Job.JobId, CancellationToken.None);
        var shown = string.Join("\n", logs.Select(l => l.Message).Concat(metrics.Select(m => m.Value.ToJsonString())).Concat(federation.Nodes.Log));
        Assert.All(HostOnlyIds, id => Assert.DoesNotContain(id, shown, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_grant_for_some_component_types_refuses_the_others()
    {
        await using var federation = await StartAsync();
        await federation.HostApi.AddGrantAsync(Grant("psi"), CancellationToken.None);

        var view = await federation.RunAsync(Job("""
              - name: statistics_0
                type: statistics
                inputs: { data: reader_0.data }
            """));

        Assert.Equal(TaskState.Failed, view.Job.State);
        Assert.Contains("statistics_0 (statistics) would touch table test/rows", view.Job.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("psi_0 (psi) would touch", view.Job.Error, StringComparison.Ordinal);
        Assert.Empty(federation.Transcript.Entries);
    }

    [Fact]
    public async Task A_revoked_grant_stops_the_next_job()
    {
        await using var federation = await StartAsync();
        var grant = await federation.HostApi.AddGrantAsync(Grant("psi"), CancellationToken.None);
        var first = await federation.RunAsync();
        Assert.True(first.Job.State == TaskState.Success, first.Job.Error);
        var received = federation.Transcript.Entries.Count;

        Assert.True(await federation.HostApi.RevokeGrantAsync(grant.GrantId, CancellationToken.None));
        var second = await federation.RunAsync();

        Assert.Equal(TaskState.Failed, second.Job.State);
        Assert.Contains("psi_0 (psi) would touch table test/rows", second.Job.Error, StringComparison.Ordinal);
        Assert.Equal(received, federation.Transcript.Entries.Count);
        Assert.NotNull(Assert.Single(await federation.HostApi.ListGrantsAsync(includeRevoked: true, CancellationToken.None)).RevokedAt);
    }

    [Fact]
    public async Task An_expired_grant_stops_the_next_job()
    {
        await using var federation = await StartAsync();
        var until = DateTimeOffset.UtcNow.AddSeconds(2);
        await federation.HostApi.AddGrantAsync(Grant("psi") with { Until = until }, CancellationToken.None);
        // Not a timing assertion: the job is submitted only once the grant has certainly lapsed.
        while (DateTimeOffset.UtcNow <= until.AddMilliseconds(50))
        {
            await Task.Delay(100);
        }

        var view = await federation.RunAsync();

        Assert.Equal(TaskState.Failed, view.Job.State);
        Assert.Contains("no grant lets party 9999 use test/rows for psi", view.Job.Error, StringComparison.Ordinal);
        Assert.Empty(federation.Transcript.Entries);
    }

    [Fact]
    public async Task A_one_job_grant_serves_the_first_job_and_its_resume_but_no_other()
    {
        await using var federation = await StartAsync();
        var grant = await federation.HostApi.AddGrantAsync(Grant("psi") with { Once = true }, CancellationToken.None);

        var first = await federation.RunAsync();
        Assert.True(first.Job.State == TaskState.Success, first.Job.Error);
        Assert.Equal(first.Job.JobId, Assert.Single(await federation.HostApi.ListGrantsAsync(false, CancellationToken.None)).JobId);
        var second = await federation.RunAsync();

        Assert.Equal(TaskState.Failed, second.Job.State);
        Assert.Contains("psi_0 (psi) would touch table test/rows", second.Job.Error, StringComparison.Ordinal);
        // The job it was bound to may still run again.
        await federation.GuestApi.ResumeAsync(first.Job.JobId, "psi_0", CancellationToken.None);
        var rerun = await federation.GuestApi.WaitAsync(first.Job.JobId, null, CancellationToken.None);
        Assert.True(rerun.Job.State == TaskState.Success, $"{grant}: {rerun.Job.Error}");
    }
}
