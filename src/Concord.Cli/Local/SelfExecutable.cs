using System.Diagnostics;
using System.Reflection;

namespace Concord.Cli.Local;

/// <summary>How to start another copy of this CLI, whether it runs as an apphost or as <c>dotnet concord.dll</c>.</summary>
internal static class SelfExecutable
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable is running");
        var info = new ProcessStartInfo { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.FileName = process;
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }
        else
        {
            info.FileName = process;
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }
}
