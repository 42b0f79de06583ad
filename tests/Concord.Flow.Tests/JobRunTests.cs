using Concord.Federation;
using Concord.Flow.Control;

namespace Concord.Flow.Tests;

/// <summary>Jobs over real nodes in this process, talking HTTP/2 with mutual TLS on loopback.</summary>
public class JobRunTests
{
    private static string Job(string hostFailure = "", int delayMs = 0) => $$"""
        job: { name: scale-test, timeout: 60, seed: 1 }
        parties: { guest: 9999, hosts: [10000, 10001] }
        components:
          - name: first
            type: scale
            parameters: { value: 2.0, delay_ms: {{delayMs}} }
            parties:
              10000: { factor: 3.0 }
              10001: { factor: 5.0 {{(hostFailure.Length > 0 ? $", fail: \"{hostFailure}\"" : "")}} }
          - name: second
            type: scale
            parameters: { value: 1.0 }
            parties:
              10000: { factor: 7.0 }
        """;

    [Fact]
    public async Task A_two_component_job_runs_at_every_party_and_stores_the_guests_metrics()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, 9999, 10000, 10001);
        using var api = nodes.Operator(9999);

        var jobId = await api.SubmitAsync(Job(), "scale.yaml", CancellationToken.None);
        var view = await api.WaitAsync(jobId, null, CancellationToken.None);

        Assert.True(view.Job.State == TaskState.Success, view.Job.Error);
        Assert.Equal(6, view.Tasks.Count);
        Assert.All(view.Tasks, t => Assert.Equal(TaskState.Success, t.State));
        var metrics = await api.MetricsAsync(jobId, CancellationToken.None);
        Assert.Equal((2.0 * 3.0) + (2.0 * 5.0), metrics.Single(m => m.Task.Component == "first").Value["sum"]!.GetValue<double>());
        // Host 10001 takes the default factor 1 in the second component.
        Assert.Equal(7.0 + 1.0, metrics.Single(m => m.Task.Component == "second").Value["sum"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_job_without_a_name_is_named_after_its_file_at_every_party()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, 9999, 10000, 10001);
        using var api = nodes.Operator(9999);
        var unnamed = Job().Replace("name: scale-test, ", "", StringComparison.Ordinal);

        var jobId = await api.SubmitAsync(unnamed, "weekly-scores.yaml", CancellationToken.None);
        await api.WaitAsync(jobId, null, CancellationToken.None);

        foreach (var party in new[] { 9999, 10000, 10001 })
        {
            using var own = nodes.Operator(party);
            Assert.Equal("weekly-scores", (await own.GetJobAsync(jobId, CancellationToken.None)).Job.Spec.Name);
            Assert.Equal("weekly-scores", Assert.Single(await own.ListJobsAsync(CancellationToken.None)).Spec.Name);
        }
    }

    [Fact]
    public async Task A_failing_host_fails_the_job_at_the_guest_with_the_hosts_message()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, 9999, 10000, 10001);
        using var api = nodes.Operator(9999);

        var view = await api.WaitAsync(await api.SubmitAsync(Job(hostFailure: "column x3 is constant"), "scale.yaml", CancellationToken.None), null, CancellationToken.None);

        Assert.Equal(TaskState.Failed, view.Job.State);
        Assert.Contains("party 10001 (host) failed in first: column x3 is constant", view.Job.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_job_file_is_refused_with_its_line()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, 9999, 10000);
        using var api = nodes.Operator(9999);
        const string bad = """
            job: { name: bad }
            parties: { guest: 9999, hosts: [10000] }
            components:
              - name: first
                type: secureboost
            """;

        var ex = await Assert.ThrowsAsync<FederationException>(() => api.SubmitAsync(bad, "bad.yaml", CancellationToken.None));

        Assert.Contains("bad.yaml:5", ex.Message, StringComparison.Ordinal);
        Assert.Contains("secureboost", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_job_ends_canceled_at_every_party()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, 9999, 10000, 10001);
        using var api = nodes.Operator(9999);
        var jobId = await api.SubmitAsync(Job(delayMs: 30_000), "slow.yaml", CancellationToken.None);
        await Waiting.UntilAsync(async () => (await api.GetJobAsync(jobId, CancellationToken.None)).Tasks.Count(t => t.State == TaskState.Running) == 3);

        await api.StopAsync(jobId, CancellationToken.None);

        Assert.Equal(TaskState.Canceled, (await api.GetJobAsync(jobId, CancellationToken.None)).Job.State);
        foreach (var host in new[] { 10000, 10001 })
        {
            using var own = nodes.Operator(host);
            await Waiting.UntilAsync(async () => (await own.GetJobAsync(jobId, CancellationToken.None)).Job.State == TaskState.Canceled);
        }
    }

    [Fact]
    public async Task Only_the_operator_may_use_the_api()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, 9999, 10000);
        using var intruder = nodes.AsPartyApi(10000, 9999);
        var ex = await Assert.ThrowsAsync<FederationException>(() => intruder.ListJobsAsync(CancellationToken.None));
        Assert.Contains("operator certificate or the node's operator token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_operator_token_opens_the_api_without_a_certificate()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, 9999, 10000);
        using var api = nodes.WithToken(9999);
        Assert.Empty(await api.ListJobsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_job_endpoints()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, 9999, 10000);
        using var api = nodes.Operator(9999);
        var document = await api.OpenApiDocumentAsync(CancellationToken.None);
        Assert.Contains("\"openapi\"", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/jobs/{jobId}/logs", document, StringComparison.Ordinal);
        Assert.Contains("SubmitJob", document, StringComparison.Ordinal);
    }
}
