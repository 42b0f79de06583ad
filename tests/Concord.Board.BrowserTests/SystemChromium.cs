using Microsoft.Playwright;

namespace Concord.Board.BrowserTests;

/// <summary>
/// Debian's chromium, which these tests drive: Playwright's own browser download cannot work offline, so its launch is
/// pointed at the system binary instead. Where there is none, every browser test is skipped with the reason shown.
/// </summary>
internal static class SystemChromium
{
    /// <summary>Overrides the search, e.g. to point at another build, or at nothing to see the skip.</summary>
    public const string PathVariable = "CONCORD_CHROMIUM";

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private static readonly Lazy<string?> Found = new(() =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } chosen
            ? File.Exists(chosen) ? chosen : null
            : Candidates.FirstOrDefault(File.Exists));

    public static string? Executable => Found.Value;

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public static string? UnavailableReason => Executable is null
        ? $"no Chromium at {Searched()}; install Debian's chromium package (.ci/run does) to run the board's browser tests"
        : null;

    private static string Searched() =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } chosen ? $"{chosen} ({PathVariable})" : string.Join(", ", Candidates);

    public static BrowserTypeLaunchOptions LaunchOptions() => new()
    {
        ExecutablePath = Executable ?? throw new InvalidOperationException(UnavailableReason),
        Headless = true,
        // Chromium refuses to start its sandbox as root, which is who CI runs as.
        Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
    };
}
