using Concord.Flow.Control;
using Microsoft.Playwright;

namespace Concord.Board.BrowserTests;

/// <summary>Stop and resume from the job page, each through its confirmation; a forged post does nothing.</summary>
[Collection(BoardCollection.Name)]
public class JobActionTests(BoardFederation board)
{
    /// <summary>Iterations enough that the job is still running when the test acts on it; the test stops it before its end.</summary>
    private const int LongJob = 200;

    [BrowserFact]
    public async Task Stop_and_resume_from_the_job_page_after_confirming_change_the_jobs_state()
    {
        var (jobId, page) = await OpenRunningJobAsync("board-stop-resume");
        try
        {
            await page.ClickAsync("a[data-when=active]:has-text('Stop')");
            await page.WaitForURLAsync(board.Url(BoardPaths.JobAction(jobId, "stop")));
            await page.PostAsync(() => page.ClickAsync("form.confirm button[type=submit]"));
            await board.WaitForStateAsync(jobId, TaskState.Canceled);
            await page.GotoAsync(board.Url(BoardPaths.Job(jobId)));
            await page.Locator("#job-state [data-state='canceled']").WaitForAsync();

            await page.ClickAsync("a[data-when=ended]:has-text('Resume')");
            await page.WaitForURLAsync(board.Url(BoardPaths.JobAction(jobId, "resume")));
            await page.PostAsync(() => page.ClickAsync("form.confirm button[type=submit]"));
            await board.WaitForStateAsync(jobId, TaskState.Running, TaskState.Success);
            await page.GotoAsync(board.Url(BoardPaths.Job(jobId)));
            await page.Locator("#job-state :is([data-state='running'], [data-state='success'])").WaitForAsync(new() { Timeout = BoardPages.LiveTimeoutMs });
        }
        finally
        {
            await board.StopQuietlyAsync(jobId);
        }
    }

    [BrowserFact]
    public async Task A_forged_stop_without_the_antiforgery_token_is_refused_and_the_job_runs_on()
    {
        var (jobId, page) = await OpenRunningJobAsync("board-forged-stop");
        try
        {
            var stop = board.Url(BoardPaths.JobAction(jobId, "stop"));

            // From the page itself, with the session cookie: a script that never saw the form's token.
            var fromPage = await page.EvaluateAsync<int>(
                "url => fetch(url, { method: 'POST', credentials: 'same-origin', body: new URLSearchParams({ confirm: 'yes' }) }).then(r => r.status)", stop);
            // From outside the page, as another program holding the cookie would post.
            var fromOutside = await page.Context.APIRequest.PostAsync(stop, new() { Form = page.Context.APIRequest.CreateFormData().Set("confirm", "yes"), MaxRedirects = 0 });

            Assert.Equal(400, fromPage);
            Assert.Equal(400, fromOutside.Status);
            using var api = board.Operator();
            Assert.Equal(TaskState.Running, (await api.GetJobAsync(jobId, CancellationToken.None)).Job.State);
        }
        finally
        {
            await board.StopQuietlyAsync(jobId);
        }
    }

    /// <summary>Submits a long job and opens its page, signed in, once it runs; the caller stops it in the end.</summary>
    private async Task<(string JobId, IPage Page)> OpenRunningJobAsync(string name)
    {
        var jobId = await board.SubmitAsync(name, LongJob);
        await board.WaitForStateAsync(jobId, TaskState.Running);
        return (jobId, await board.SignedInAsync(BoardPaths.Job(jobId)));
    }
}
