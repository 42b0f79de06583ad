using Xunit.Abstractions;

namespace Concord.Board.BrowserTests;

/// <summary>The main pages as a person sees them, at 1280×800 and on a 400 px wide window, written to artifacts/board-screenshots/.</summary>
[Collection(BoardCollection.Name)]
public class ScreenshotTests(BoardFederation board, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task The_main_pages_are_captured_wide_and_narrow()
    {
        var jobId = await board.FinishedJobAsync();
        var folder = Artifacts.Folder("board-screenshots");
        var pages = new[]
        {
            ("jobs", BoardPaths.Jobs),
            ("job", BoardPaths.Job(jobId)),
            ("evaluation", BoardPaths.Component(jobId, BreastJob.Evaluation)),
            ("data", BoardPaths.Data),
            ("models", BoardPaths.Models),
        };
        var written = new List<string>();
        foreach (var (width, height) in new[] { (1280, 800), (400, 800) })
        {
            var signIn = await board.NewPageAsync(width, height);
            await signIn.GotoAsync(board.Url(BoardPaths.Jobs));
            written.Add(await CaptureAsync(signIn, folder, "sign-in", width));

            var page = await board.SignedInAsync(BoardPaths.Jobs, width, height);
            foreach (var (name, path) in pages)
            {
                var answer = await page.GotoAsync(board.Url(path));
                Assert.True(answer!.Ok, $"{path} answered {answer.Status}");
                written.Add(await CaptureAsync(page, folder, name, width));
            }
        }

        Assert.All(written, file => Assert.True(new FileInfo(file).Length > 1000, $"{file} is nearly empty"));
        foreach (var file in written)
        {
            output.WriteLine(file);
        }
    }

    private static async Task<string> CaptureAsync(Microsoft.Playwright.IPage page, string folder, string name, int width)
    {
        var file = Path.Combine(folder, $"{name}-{width}.png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        return file;
    }
}
