namespace Concord.Board.BrowserTests;

/// <summary>The board works from the keyboard and fits a narrow window.</summary>
[Collection(BoardCollection.Name)]
public class KeyboardTests(BoardFederation board)
{
    [BrowserFact]
    public async Task Tab_reaches_the_sign_in_form_and_then_every_section_link()
    {
        var page = await board.NewPageAsync();
        await page.GotoAsync(board.Url(BoardPaths.Jobs));
        var reached = await TabThroughAsync(page, 20);
        Assert.Contains("#token", reached);
        Assert.Contains("button:Sign in", reached);

        await page.FocusAsync("#token");
        await page.Keyboard.TypeAsync(board.Token);
        await page.PostAsync(() => page.Keyboard.PressAsync("Enter"));
        await page.LeftSignInAsync();
        reached = await TabThroughAsync(page, 20);

        foreach (var section in new[] { BoardPaths.Jobs, BoardPaths.Data, BoardPaths.Models, BoardPaths.Serving })
        {
            Assert.Contains($"a:{section}", reached);
        }
    }

    [BrowserFact]
    public async Task The_jobs_list_does_not_overflow_a_400_px_window()
    {
        var page = await board.SignedInAsync(BoardPaths.Jobs, 400, 800);

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);

        Assert.True(scroll <= client, $"the page is {scroll} px wide in a {client} px window");
    }

    /// <summary>Presses Tab <paramref name="presses"/> times from the top of the page and names each element focused.</summary>
    private static async Task<List<string>> TabThroughAsync(Microsoft.Playwright.IPage page, int presses)
    {
        var reached = new List<string>();
        for (var i = 0; i < presses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached.Add(await page.EvaluateAsync<string>("""
                () => {
                  const e = document.activeElement;
                  if (e.id) return '#' + e.id;
                  if (e.tagName === 'A') return 'a:' + e.getAttribute('href');
                  return e.tagName.toLowerCase() + ':' + e.textContent.trim();
                }
                """));
        }
        return reached;
    }
}
