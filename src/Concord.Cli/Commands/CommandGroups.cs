using System.CommandLine;
using Concord.Cli.Commands.Bench;

namespace Concord.Cli.Commands;

/// <summary>The top-level command groups; each lives in its own file.</summary>
internal static class CommandGroups
{
    public static IEnumerable<Command> All()
    {
        yield return VersionCommand.Build();
        yield return BenchCommand.Build();
    }
}
