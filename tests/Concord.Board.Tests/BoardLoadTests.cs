using System.Diagnostics;
using System.Net;
using Concord.Flow.Control;
using Concord.Flow.Store;
using Xunit.Abstractions;

namespace Concord.Board.Tests;

/// <summary>
/// The jobs list over a thousand jobs: every page answers, and the time each takes on loopback is written to the
/// test output as a figure (not asserted: wall time depends on the machine).
/// </summary>
public sealed class BoardLoadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Jobs = 1000;
    private BoardNodes _nodes = default!;

    public async Task InitializeAsync() => _nodes = await BoardNodes.StartAsync();

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task Every_page_of_a_thousand_jobs_answers_and_its_time_is_reported()
    {
        var store = await _nodes.GuestStoreAsync();
        for (var i = 0; i < Jobs; i++)
        {
            await store.CreateJobAsync(new JobSpec($"load-{i:0000}", "load", BoardNodes.Guest, new RosterSpec(BoardNodes.Guest, [BoardNodes.Host]), BoardJobs.Quick, i));
        }
        var browser = await _nodes.SignedInAsync();
        // The first request pays for compiling the pages; the figures are of the ones after.
        await browser.GetStringAsync(BoardPaths.Jobs);

        var times = new List<double>();
        for (var page = 1; page <= Jobs / 50; page++)
        {
            var clock = Stopwatch.StartNew();
            var response = await browser.GetAsync(BoardPaths.JobList(page: page));
            var html = await response.Content.ReadAsStringAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains($"load-{Jobs - ((page - 1) * 50) - 1:0000}", html, StringComparison.Ordinal);
        }
        var filtered = Stopwatch.StartNew();
        var search = await browser.GetStringAsync(BoardPaths.JobList(state: TaskState.Waiting, search: "load-09"));
        var searchMs = filtered.Elapsed.TotalMilliseconds;

        Assert.Contains("100 jobs match", search, StringComparison.Ordinal);
        times.Sort();
        output.WriteLine($"jobs list over {Jobs} jobs, {times.Count} pages of 50: median {times[times.Count / 2]:F1} ms, slowest {times[^1]:F1} ms; filtered search {searchMs:F1} ms (loopback HTTPS, server render and transfer)");
    }
}
