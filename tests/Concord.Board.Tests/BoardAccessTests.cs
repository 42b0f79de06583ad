using System.Net;
using System.Text.RegularExpressions;
using Concord.Flow.Api;
using Concord.Flow.Control;
using Concord.Flow.Tests;

namespace Concord.Board.Tests;

/// <summary>Sign-in, the session cookie and the antiforgery token, over real HTTPS against a guest node's board.</summary>
public sealed class BoardAccessTests : IAsyncLifetime
{
    private BoardNodes _nodes = default!;

    public async Task InitializeAsync() => _nodes = await BoardNodes.StartAsync();

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    [Theory]
    [InlineData("/board/jobs")]
    [InlineData("/board/data")]
    [InlineData("/board/jobs/some-job/events")]
    public async Task A_page_without_a_session_redirects_to_sign_in(string page)
    {
        var response = await _nodes.Browser().GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{BoardPaths.SignIn}?next={Uri.EscapeDataString(page)}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_without_saying_what_was_wrong()
    {
        var browser = _nodes.Browser();
        var real = OperatorToken.Read(_nodes.GuestHome);

        var response = await BoardNodes.SignInAsync(browser, real[..^1] + (real[^1] == 'a' ? 'b' : 'a'));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        // One message, the same for every refusal: nothing says whether the token was unknown, wrong or of the wrong role.
        Assert.Equal(["Sign-in refused."], Regex.Matches(html, "role=\"alert\">([^<]*)<").Select(m => m.Groups[1].Value));
        Assert.DoesNotContain(BoardSessionsCookie, string.Join(";", response.Headers.TryGetValues("Set-Cookie", out var set) ? set : []), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(BoardPaths.Jobs)).StatusCode);
    }

    [Fact]
    public async Task A_valid_token_of_a_role_that_may_not_follow_jobs_is_refused_the_same_way()
    {
        using var admin = _nodes.Nodes.WithToken(BoardNodes.Guest);
        var issued = await admin.IssueTokenAsync("reader", Flow.Governance.OperatorRole.Auditor, CancellationToken.None);

        var response = await BoardNodes.SignInAsync(_nodes.Browser(), issued.Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(["Sign-in refused."], Regex.Matches(await response.Content.ReadAsStringAsync(), "role=\"alert\">([^<]*)<").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task The_right_token_opens_a_session_whose_cookie_is_http_only_strict_secure_and_for_the_board_only()
    {
        var browser = _nodes.Browser();

        var response = await BoardNodes.SignInAsync(browser, OperatorToken.Read(_nodes.GuestHome));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(BoardSessionsCookie + "=", StringComparison.Ordinal));
        var flags = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(f => f.ToLowerInvariant()).ToList();
        Assert.Contains("httponly", flags);
        Assert.Contains("secure", flags);
        Assert.Contains("samesite=strict", flags);
        Assert.Contains("path=/board", flags);
        var jobs = await browser.GetAsync(BoardPaths.Jobs);
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
        Assert.Contains("default-src 'self'", jobs.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", jobs.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", jobs.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("no-store", jobs.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stop_without_the_antiforgery_token_is_refused_and_one_with_it_stops_the_job()
    {
        var browser = await _nodes.SignedInAsync();
        using var api = _nodes.Nodes.WithToken(BoardNodes.Guest);
        var jobId = await api.SubmitAsync(BoardJobs.Slow, "slow.yaml", CancellationToken.None);
        await Waiting.UntilAsync(async () => (await api.GetJobAsync(jobId, CancellationToken.None)).Job.State == TaskState.Running);

        var forged = await browser.PostAsync(BoardPaths.JobAction(jobId, "stop"), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(TaskState.Running, (await api.GetJobAsync(jobId, CancellationToken.None)).Job.State);

        var form = await BoardNodes.FormTokenAsync(browser, BoardPaths.JobAction(jobId, "stop"));
        var stopped = await browser.PostAsync(BoardPaths.JobAction(jobId, "stop"), new FormUrlEncodedContent(new Dictionary<string, string> { [form.Field] = form.Value }));

        Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);
        Assert.Equal(BoardPaths.Job(jobId), stopped.Headers.Location?.OriginalString);
        Assert.Equal(TaskState.Canceled, (await api.GetJobAsync(jobId, CancellationToken.None)).Job.State);
    }

    [Fact]
    public async Task Sign_ins_and_refusals_are_in_the_audit_trail()
    {
        await BoardNodes.SignInAsync(_nodes.Browser(), "not-a-token");
        await _nodes.SignedInAsync();
        using var admin = _nodes.Nodes.WithToken(BoardNodes.Guest);

        var records = await admin.AuditRecordsAsync(new Flow.Audit.AuditQuery(), CancellationToken.None);

        var board = records.Where(r => r.Subject == "board sign-in").ToList();
        Assert.Contains(board, r => r.Kind == Flow.Audit.AuditKinds.Refused && r.Actor!.StartsWith("anonymous", StringComparison.Ordinal));
        Assert.Contains(board, r => r.Kind == Flow.Audit.AuditKinds.SignIn && r.Actor!.StartsWith("the node's operator token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var browser = await _nodes.SignedInAsync();
        var form = await BoardNodes.FormTokenAsync(browser, BoardPaths.Jobs);

        var response = await browser.PostAsync(BoardPaths.SignOut, new FormUrlEncodedContent(new Dictionary<string, string> { [form.Field] = form.Value }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(BoardPaths.Jobs)).StatusCode);
    }

    private const string BoardSessionsCookie = Access.BoardSessions.CookieName;
}
