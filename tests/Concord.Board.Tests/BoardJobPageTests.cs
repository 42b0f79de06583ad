using System.Net;
using System.Text.RegularExpressions;
using Concord.Flow.Control;
using Concord.Flow.Store;

namespace Concord.Board.Tests;

/// <summary>The jobs list and the job page with its live events.</summary>
public sealed partial class BoardJobPageTests : IAsyncLifetime
{
    private BoardNodes _nodes = default!;

    public async Task InitializeAsync() => _nodes = await BoardNodes.StartAsync();

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task The_jobs_list_pages_fifty_at_a_time_and_filters_by_state_and_id()
    {
        var store = await _nodes.GuestStoreAsync();
        var ids = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            var id = $"bulk-{i:000}";
            await store.CreateJobAsync(new JobSpec(id, "bulk", BoardNodes.Guest, new RosterSpec(BoardNodes.Guest, [BoardNodes.Host]), BoardJobs.Quick, 1));
            ids.Add(id);
        }
        await store.TryTransitionJobAsync("bulk-007", TaskState.Waiting, TaskState.Running);
        var browser = await _nodes.SignedInAsync();

        var first = await browser.GetStringAsync(BoardPaths.Jobs);
        var third = await browser.GetStringAsync(BoardPaths.JobList(page: 3));
        var running = await browser.GetStringAsync(BoardPaths.JobList(state: TaskState.Running));
        var search = await browser.GetStringAsync(BoardPaths.JobList(search: "BULK-11"));

        Assert.Equal(50, JobRows(first).Count);
        Assert.Equal("bulk-119", JobRows(first)[0]);
        Assert.Contains("120 jobs · page 1 of 3", first, StringComparison.Ordinal);
        Assert.Contains($"href=\"{BoardPaths.JobList(page: 2)}\"", first, StringComparison.Ordinal);
        Assert.Equal(ids.Take(20).Reverse(), JobRows(third));
        Assert.Equal(["bulk-007"], JobRows(running));
        Assert.Equal(Enumerable.Range(110, 10).Reverse().Select(i => $"bulk-{i}"), JobRows(search));
    }

    [Fact]
    public async Task The_job_page_draws_every_component_and_its_events_stream_the_states_and_log_lines()
    {
        var browser = await _nodes.SignedInAsync();
        using var api = _nodes.Nodes.WithToken(BoardNodes.Guest);
        var jobId = await api.SubmitAsync(BoardJobs.Quick, "quick.yaml", CancellationToken.None);

        var page = await browser.GetStringAsync(BoardPaths.Job(jobId));

        Assert.Equal(["first", "second"], DagNodes(page).Order());
        Assert.Contains($"href=\"{BoardPaths.Component(jobId, "first")}\"", page, StringComparison.Ordinal);

        using var events = await browser.GetAsync(BoardPaths.JobEvents(jobId), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        var seen = new List<string>();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!(seen.Any(e => e.StartsWith("event: job\ndata: {\"state\":\"success\"", StringComparison.Ordinal))
            && seen.Any(e => e.Contains("event: log\n", StringComparison.Ordinal))
            && seen.Any(e => e.Contains("event: component\ndata: {\"name\":\"second\",\"state\":\"success\"}", StringComparison.Ordinal))))
        {
            seen.Add(await ReadEventAsync(reader, limit.Token));
        }
        var log = seen.First(e => e.Contains("event: log\n", StringComparison.Ordinal));
        Assert.StartsWith("id: ", log, StringComparison.Ordinal);
        Assert.Contains("\"where\":", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_component_page_shows_the_component_and_an_unknown_one_is_a_404_page()
    {
        var browser = await _nodes.SignedInAsync();
        using var api = _nodes.Nodes.WithToken(BoardNodes.Guest);
        var jobId = await api.SubmitAsync(BoardJobs.Quick, "quick.yaml", CancellationToken.None);
        await api.WaitAsync(jobId, null, CancellationToken.None);

        var page = await browser.GetAsync(BoardPaths.Component(jobId, "first"));
        var missing = await browser.GetAsync(BoardPaths.Component(jobId, "third"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("class=\"component-detail\" data-component=\"first\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("job " + jobId + " has no component third; its components are first, second", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_job_is_a_404_page()
    {
        var browser = await _nodes.SignedInAsync();

        var response = await browser.GetAsync(BoardPaths.Job("no-such-job"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("this party has no job no-such-job", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>One event: its lines up to the blank line that ends it.</summary>
    private static async Task<string> ReadEventAsync(StreamReader reader, CancellationToken ct)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync(ct) is string line)
        {
            if (line.Length == 0)
            {
                if (lines.Count > 0)
                {
                    return string.Join('\n', lines);
                }
                continue;
            }
            lines.Add(line);
        }
        throw new EndOfStreamException($"the event stream ended; it had sent: {string.Join(" | ", lines)}");
    }

    private static List<string> JobRows(string html) => [.. JobRow().Matches(html).Select(m => m.Groups[1].Value)];

    private static List<string> DagNodes(string html) => [.. DagNode().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<tr data-job=\"([^\"]+)\"")]
    private static partial Regex JobRow();

    [GeneratedRegex("class=\"dag-node\"[^>]*data-component=\"([^\"]+)\"")]
    private static partial Regex DagNode();
}
