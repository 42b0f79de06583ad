using System.Diagnostics;

namespace Concord.Cli.Tests;

/// <summary>Runs the built <c>concord</c> CLI as a child process, as a user would, and captures its output.</summary>
internal static class ConcordProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string LastLine => Stdout.TrimEnd().Split('\n')[^1];
    }

    public static Task<Result> RunAsync(TimeSpan timeout, params string[] arguments) =>
        RunProgramAsync("dotnet", null, timeout, [Path.Combine(AppContext.BaseDirectory, "concord.dll"), .. arguments]);

    /// <summary>Runs any program (an installed concord, dotnet itself) in <paramref name="folder"/>, or here when null.</summary>
    public static async Task<Result> RunProgramAsync(string program, string? folder, TimeSpan timeout, params string[] arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder ?? "",
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}: {await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
