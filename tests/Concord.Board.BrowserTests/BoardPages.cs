using Microsoft.Playwright;

namespace Concord.Board.BrowserTests;

/// <summary>What the tests do on the board's pages as a person would: sign in, open a page, wait for it to change.</summary>
internal static class BoardPages
{
    /// <summary>The bounded wait for anything live (a job's state, a streamed line): only a broken board takes this long.</summary>
    public const float LiveTimeoutMs = 180_000;

    /// <summary>Opens <paramref name="path"/>, which sends a browser without a session to sign in, and signs in there.</summary>
    public static async Task<IPage> SignedInAsync(this BoardFederation board, string path, int width = 1280, int height = 800)
    {
        var page = await board.NewPageAsync(width, height);
        await page.GotoAsync(board.Url(path));
        await page.FillAsync("#token", board.Token);
        await page.PostAsync(() => page.ClickAsync("button[name=with][value=token]"));
        await page.LeftSignInAsync();
        return page;
    }

    /// <summary>Does what submits a form (a click, Enter) and returns the answer to its POST: a redirect, or a refusal.</summary>
    public static Task<IResponse> PostAsync(this IPage page, Func<Task> submit) =>
        page.RunAndWaitForResponseAsync(submit, r => r.Request.Method == "POST");

    /// <summary>Waits until the browser has followed a successful sign-in away from the sign-in page.</summary>
    public static Task LeftSignInAsync(this IPage page) =>
        page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith(BoardPaths.SignIn, StringComparison.Ordinal));

    /// <summary>
    /// Marks the document, so that a later check that the mark is still there proves the page changed in place: a
    /// reload or a navigation would have made a new document without it.
    /// </summary>
    public static Task MarkDocumentAsync(this IPage page) => page.EvaluateAsync("() => { window.concordTestMark = 'not reloaded'; }");

    public static async Task AssertNotReloadedAsync(this IPage page) =>
        Assert.Equal("not reloaded", await page.EvaluateAsync<string?>("() => window.concordTestMark ?? null"));

    /// <summary>The navigation timing of the page's document, as the browser measured it, in milliseconds.</summary>
    public static async Task<NavigationTiming> NavigationTimingAsync(this IPage page)
    {
        // The load event's end is stamped after its handlers return, a moment after the navigation itself resolves.
        await page.WaitForFunctionAsync("() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0");
        return await page.EvaluateAsync<NavigationTiming>("""
        () => {
          const t = performance.getEntriesByType('navigation')[0];
          return { response: t.responseEnd - t.startTime, domContentLoaded: t.domContentLoadedEventEnd - t.startTime, load: t.loadEventEnd - t.startTime };
        }
        """);
    }
}

/// <summary>
/// From the start of a navigation to the last byte of the response, to DOMContentLoaded's end, and to load's end.
/// Settable, because Playwright fills the object it returns from a script property by property.
/// </summary>
public sealed class NavigationTiming
{
    public double Response { get; set; }

    public double DomContentLoaded { get; set; }

    public double Load { get; set; }

    public override string ToString() => $"response {Response} ms, DOMContentLoaded {DomContentLoaded} ms, load {Load} ms";
}
