using Concord.Federation;
using Concord.Flow.Control;

namespace Concord.Cli.Tests;

/// <summary>Jobs over the real HTTP/2 transport with every party's node in its own process.</summary>
[Collection(NodeProcesses.Name)]
public class ProcessJobTests(ProcessFederation nodes) : IClassFixture<ProcessFederation>
{
    private const string Header = """
        job: { name: process-test, timeout: 300, seed: 3 }
        parties: { guest: 9999, hosts: [10000, 10001] }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: demo, name: default_credit } }

        """;

    [Fact]
    public async Task A_pipeline_runs_to_success_at_every_party()
    {
        using var api = nodes.Federation.Operator(9999);
        var job = Header + """
              - name: transform_0
                type: data_transform
                inputs: { data: reader_0.data }
                parameters: { features: [x0, x1, x2] }
              - name: statistics_0
                type: statistics
                inputs: { data: transform_0.data }
            """;

        var view = await api.WaitAsync(await api.SubmitAsync(job, "pipeline.yaml", CancellationToken.None), null, CancellationToken.None);

        Assert.True(view.Job.State == TaskState.Success, view.Job.Error);
        Assert.Equal(9, view.Tasks.Count(t => t.State == TaskState.Success));
        var statistics = (await api.MetricsAsync(view.Job.JobId, CancellationToken.None)).Single(m => m.Task.Component == "statistics_0");
        Assert.Equal(3, statistics.Value["columns"]!.AsArray().Count);
        Assert.Equal(24000, statistics.Value["columns"]![0]!["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_invalid_job_file_is_refused_with_a_line_numbered_error()
    {
        using var api = nodes.Federation.Operator(9999);
        var job = Header + """
              - name: statistics_0
                type: statistics
                inputs: { data: reader_9.data }
            """;

        var ex = await Assert.ThrowsAsync<FederationException>(() => api.SubmitAsync(job, "broken.yaml", CancellationToken.None));

        Assert.True(ex.Message.Contains("broken.yaml:9:", StringComparison.Ordinal), ex.Message);
        Assert.Contains("reader_9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_host_fails_the_job_at_the_guest_with_the_hosts_message()
    {
        using var api = nodes.Federation.Operator(9999);
        var job = Header.Replace(
            "parameters: { table: { namespace: demo, name: default_credit } }",
            "parameters: { table: { namespace: demo, name: default_credit } }\n    parties: { 10001: { table: { namespace: demo, name: no_such_table } } }",
            StringComparison.Ordinal) + """
              - name: statistics_0
                type: statistics
                inputs: { data: reader_0.data }
            """;

        var view = await api.WaitAsync(await api.SubmitAsync(job, "missing.yaml", CancellationToken.None), null, CancellationToken.None);

        Assert.Equal(TaskState.Failed, view.Job.State);
        Assert.Contains("party 10001 (host) failed in reader_0", view.Job.Error, StringComparison.Ordinal);
        Assert.Contains("no table demo/no_such_table", view.Job.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_job_ends_canceled_at_every_party()
    {
        using var api = nodes.Federation.Operator(9999);
        // Many statistics components in parallel keep every party busy long enough to be stopped mid-run.
        var job = Header + string.Concat(Enumerable.Range(0, 12).Select(i => $$"""
              - name: statistics_{{i}}
                type: statistics
                inputs: { data: reader_0.data }

            """));
        var jobId = await api.SubmitAsync(job, "long.yaml", CancellationToken.None);
        await WaitUntilAsync(async () => (await api.GetJobAsync(jobId, CancellationToken.None)).Tasks.Any(t => t.Key.Component.StartsWith("statistics", StringComparison.Ordinal) && t.State == TaskState.Running));

        await api.StopAsync(jobId, CancellationToken.None);

        Assert.Equal(TaskState.Canceled, (await api.GetJobAsync(jobId, CancellationToken.None)).Job.State);
        foreach (var host in new[] { 10000, 10001 })
        {
            using var own = nodes.Federation.Operator(host);
            await WaitUntilAsync(async () => (await own.GetJobAsync(jobId, CancellationToken.None)).Job.State == TaskState.Canceled);
        }
    }

    [Theory]
    [InlineData("logs")]
    [InlineData("metrics")]
    public async Task Reading_an_unknown_job_says_so_and_fails(string what)
    {
        var result = await ConcordProcess.RunAsync(TimeSpan.FromSeconds(60), "job", what, "job-no-such", "--config", nodes.Federation.ConfigPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("(404): no job job-no-such", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_node_serves_its_openapi_document()
    {
        using var api = nodes.Federation.Operator(10000);
        var document = await api.OpenApiDocumentAsync(CancellationToken.None);
        Assert.Contains("/api/v1/jobs/{jobId}/resume", document, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 60 s");
            await Task.Delay(20);
        }
    }
}
