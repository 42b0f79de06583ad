using Concord.Board.Access;

namespace Concord.Board.BrowserTests;

/// <summary>No page of the board without a session; the operator token opens one, anything else is refused.</summary>
[Collection(BoardCollection.Name)]
public class SignInTests(BoardFederation board)
{
    [BrowserFact]
    public async Task A_page_without_a_session_redirects_to_the_sign_in_page()
    {
        var page = await board.NewPageAsync();

        await page.GotoAsync(board.Url(BoardPaths.Models));

        Assert.Equal(board.Url($"{BoardPaths.SignIn}?next=%2Fboard%2Fmodels"), page.Url);
        Assert.True(await page.IsVisibleAsync("#token"));
        Assert.DoesNotContain(await page.Context.CookiesAsync([board.Url(BoardPaths.Root)]), c => c.Name == BoardSessions.CookieName);
    }

    [BrowserFact]
    public async Task A_wrong_token_is_refused_without_saying_which_part_was_wrong()
    {
        var page = await board.NewPageAsync();
        var token = board.Token;
        // Right but for its last character, and nothing like it: the answer must not tell a near miss from nonsense.
        string[] wrong = [token[..^1] + (token[^1] == 'a' ? 'b' : 'a'), "not-a-token"];

        foreach (var attempt in wrong)
        {
            await page.GotoAsync(board.Url(BoardPaths.Jobs));
            await page.FillAsync("#token", attempt);
            var answer = await page.PostAsync(() => page.ClickAsync("button[name=with][value=token]"));

            Assert.Equal(401, answer.Status);
            Assert.Equal("Sign-in refused.", (await page.Locator("[role=alert]").InnerTextAsync()).Trim());
        }
        await page.GotoAsync(board.Url(BoardPaths.Jobs));
        Assert.StartsWith(board.Url(BoardPaths.SignIn), page.Url, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task The_operator_token_signs_in_to_the_page_asked_for_with_an_http_only_same_site_cookie()
    {
        var page = await board.SignedInAsync(BoardPaths.Models);

        Assert.Equal(board.Url(BoardPaths.Models), page.Url);
        Assert.Equal("Models", (await page.InnerTextAsync("main h1")).Trim());
        var cookie = Assert.Single(await page.Context.CookiesAsync([board.Url(BoardPaths.Root)]), c => c.Name == BoardSessions.CookieName);
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        Assert.Equal(Microsoft.Playwright.SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal(BoardPaths.Root, cookie.Path);
    }
}
