using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Concord.Board.BrowserTests;

/// <summary>
/// How fast the jobs list and a job page load with 1,000 jobs in the store, by the browser's own navigation timing.
/// The figures go to the test output and to artifacts/board-page-load.md; wall time is reported, never asserted.
/// </summary>
[Collection(BoardCollection.Name)]
public class PageLoadTimingTests(BoardFederation board, ITestOutputHelper output)
{
    private const int Loads = 5;

    [BrowserFact]
    public async Task Page_loads_with_a_thousand_jobs_in_the_store_are_measured_and_written_out()
    {
        var jobId = await board.FinishedJobAsync();
        var page = await board.SignedInAsync(BoardPaths.Jobs);
        var count = (await page.InnerTextAsync("#job-count")).Trim();
        // The seeded jobs, the shared finished one, and whatever other tests have submitted so far.
        Assert.True(int.Parse(count.Split(' ')[0], CultureInfo.InvariantCulture) > BoardFederation.SeededJobs, $"the list counts \"{count}\"");

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Board page loads, {BoardFederation.SeededJobs} seeded jobs in the guest's store")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Chromium headless over loopback HTTPS, {Loads} loads each after one warm-up; milliseconds from navigation start, median (min–max).")
            // Nodes, browser and whatever else runs share the machine: the figures mean little without its load.
            .AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} when measured.")
            .AppendLine()
            .AppendLine("| page | response end | DOMContentLoaded end | load end |")
            .AppendLine("| --- | --- | --- | --- |");
        foreach (var (name, path) in new[] { ("jobs list", BoardPaths.Jobs), ("job page", BoardPaths.Job(jobId)) })
        {
            await page.GotoAsync(board.Url(path));
            var timings = new List<NavigationTiming>();
            for (var i = 0; i < Loads; i++)
            {
                await page.GotoAsync(board.Url(path));
                timings.Add(await page.NavigationTimingAsync());
            }

            Assert.All(timings, t => Assert.True(t.Response > 0 && t.DomContentLoaded >= t.Response && t.Load >= t.DomContentLoaded, $"{name}: implausible timing {t}"));
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Summary(timings.Select(t => t.Response))} | {Summary(timings.Select(t => t.DomContentLoaded))} | {Summary(timings.Select(t => t.Load))} |");
        }

        var file = Path.Combine(Artifacts.Root, "board-page-load.md");
        await File.WriteAllTextAsync(file, report.ToString());
        output.WriteLine(report.ToString());
        output.WriteLine($"written to {file}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Summary(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[sorted.Length / 2]:0.0} ({sorted[0]:0.0}–{sorted[^1]:0.0})");
    }
}
