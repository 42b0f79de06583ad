using System.Diagnostics;
using System.Reflection;

namespace Concord.Local;

/// <summary>
/// How to start another copy of this CLI: the running apphost, <c>dotnet concord.dll</c>, or — inside a test
/// host that references the CLI — the concord.dll copied beside it.
/// </summary>
public static class SelfExecutable
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo { UseShellExecute = false };
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable is running");
        var runningConcord = Assembly.GetEntryAssembly()?.GetName().Name == "concord";
        if (runningConcord && !IsDotnetHost(process))
        {
            info.FileName = process;
        }
        else
        {
            info.FileName = runningConcord ? process : "dotnet";
            info.ArgumentList.Add(runningConcord ? Assembly.GetEntryAssembly()!.Location : Path.Combine(AppContext.BaseDirectory, "concord.dll"));
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }

    private static bool IsDotnetHost(string path) => Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
}
