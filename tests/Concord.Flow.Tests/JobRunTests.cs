using System.Text.Json.Nodes;
using Concord.Federation;
using Concord.Flow.Components;
using Concord.Flow.Control;

namespace Concord.Flow.Tests;

public class JobRunTests
{
    private static readonly ComponentCatalog Catalog = new([new ScaleComponent()]);
    private static readonly RosterSpec Roster = new(9999, [10000, 10001]);

    private static Dictionary<string, JsonObject> Parameters(string? hostFailure = null) => new()
    {
        ["9999"] = new JsonObject { ["value"] = 2.0 },
        ["10000"] = new JsonObject { ["factor"] = 3.0 },
        ["10001"] = hostFailure is null ? new JsonObject { ["factor"] = 5.0 } : new JsonObject { ["factor"] = 5.0, ["fail"] = hostFailure },
    };

    [Fact]
    public async Task A_job_runs_at_every_party_over_mutual_tls_and_reports_the_guests_result()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, 9999, 10000, 10001);
        var report = await nodes.Operator(9999).RunJobAsync(new JobRequest("job-ok", "scale", Roster, Parameters()), CancellationToken.None);

        Assert.Equal(TaskState.Success, report.State);
        Assert.Equal(2.0 * 3.0 + (2.0 * 5.0), report.Result!["sum"]!.GetValue<double>());
        Assert.Equal(3, report.Tasks.Count);
        Assert.All(report.Tasks, t => Assert.Equal(TaskState.Success, t.State));
    }

    [Fact]
    public async Task A_failing_host_fails_the_job_at_the_guest_with_the_hosts_message()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, 9999, 10000, 10001);
        var report = await nodes.Operator(9999).RunJobAsync(new JobRequest("job-bad", "scale", Roster, Parameters("column x3 is constant")), CancellationToken.None);

        Assert.Equal(TaskState.Failed, report.State);
        Assert.Contains("party 10001 (host) failed: column x3 is constant", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_component_is_refused_with_the_known_ones_named()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, 9999, 10000);
        var ex = await Assert.ThrowsAsync<FederationException>(() =>
            nodes.Operator(9999).RunJobAsync(new JobRequest("job-x", "secureboost", new RosterSpec(9999, [10000]), null), CancellationToken.None));
        Assert.Contains("unknown component type \"secureboost\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("this node runs: scale", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_operator_may_submit_jobs()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, 9999, 10000);
        var ex = await Assert.ThrowsAsync<FederationException>(() =>
            nodes.AsParty(10000, 9999).RunJobAsync(new JobRequest("job-h", "scale", new RosterSpec(9999, [10000]), null), CancellationToken.None));
        Assert.Contains("only the operator may submit jobs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_accepts_tasks_only_from_the_jobs_guest()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, 9999, 10000, 10001);
        var forged = new TaskRequest("job-f", "scale", Roster, 9999, []);
        var ex = await Assert.ThrowsAsync<FederationException>(() => nodes.AsParty(10001, 10000).StartTaskAsync(forged, CancellationToken.None));
        Assert.Contains("party 10001 may not start tasks", ex.Message, StringComparison.Ordinal);
    }
}
