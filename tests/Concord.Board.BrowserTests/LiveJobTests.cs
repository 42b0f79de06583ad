using Concord.Flow.Control;

namespace Concord.Board.BrowserTests;

/// <summary>The board follows a job as it runs: the list and the job page change in place, never by a reload.</summary>
[Collection(BoardCollection.Name)]
public class LiveJobTests(BoardFederation board)
{
    [BrowserFact]
    public async Task A_job_submitted_after_the_list_opened_appears_in_it_and_reaches_success_without_a_reload()
    {
        var page = await board.SignedInAsync(BoardPaths.Jobs);
        await page.MarkDocumentAsync();

        var jobId = await board.SubmitAsync("board-live-list", 3);

        var row = page.Locator($"table.jobs tr[data-job='{jobId}']");
        await row.WaitForAsync(new() { Timeout = BoardPages.LiveTimeoutMs });
        await row.Locator(".job-state [data-state='success']").WaitForAsync(new() { Timeout = BoardPages.LiveTimeoutMs });
        await page.AssertNotReloadedAsync();
        using var api = board.Operator();
        Assert.Equal(TaskState.Success, (await api.GetJobAsync(jobId, CancellationToken.None)).Job.State);
    }

    [BrowserFact]
    public async Task Log_lines_stream_into_the_job_page_while_the_job_runs_and_the_search_filters_them()
    {
        // Enough iterations that the job is still running when its page has loaded.
        var jobId = await board.SubmitAsync("board-live-log", 12);
        var page = await board.SignedInAsync(BoardPaths.Job(jobId));
        await page.MarkDocumentAsync();
        var served = await page.Locator("#log li").CountAsync();
        Assert.NotEqual("success", await page.GetAttributeAsync("#job", "data-job-state"));

        // A line the server did not render: it came over the event stream.
        await page.Locator($"#log li >> nth={served}").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached, Timeout = BoardPages.LiveTimeoutMs });
        await page.Locator("#job-state [data-state='success']").WaitForAsync(new() { Timeout = BoardPages.LiveTimeoutMs });
        await page.AssertNotReloadedAsync();

        var lines = await page.Locator("#log li").AllInnerTextsAsync();
        var term = "hetero_lr_0";
        Assert.Contains(lines, l => l.Contains(term, StringComparison.Ordinal));
        Assert.Contains(lines, l => !l.Contains(term, StringComparison.Ordinal));
        await page.FillAsync("#log-search", term);
        var shown = await page.Locator("#log li:visible").AllInnerTextsAsync();
        Assert.Equal(lines.Count(l => l.Contains(term, StringComparison.OrdinalIgnoreCase)), shown.Count);
        Assert.All(shown, l => Assert.Contains(term, l, StringComparison.OrdinalIgnoreCase));

        await page.FillAsync("#log-search", "no line says this");
        Assert.Equal(0, await page.Locator("#log li:visible").CountAsync());
        await page.FillAsync("#log-search", "");
        Assert.Equal(lines.Count, await page.Locator("#log li:visible").CountAsync());
    }
}
