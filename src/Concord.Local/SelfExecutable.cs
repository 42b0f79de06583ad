using System.Diagnostics;
using System.Reflection;

namespace Concord.Local;

/// <summary>
/// How to start another copy of this CLI: the running apphost (a published executable, a single file, or the shim
/// of an installed .NET tool), <c>dotnet concord.dll</c> (also <c>dotnet concord</c> from a tool manifest), or — inside
/// a test host that references the CLI — the concord.dll copied beside it.
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
            // The dll beside the running one, never Assembly.Location, which is empty when the CLI is one bundled file.
            info.FileName = runningConcord ? process : "dotnet";
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "concord.dll"));
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }

    private static bool IsDotnetHost(string path) => Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
}
