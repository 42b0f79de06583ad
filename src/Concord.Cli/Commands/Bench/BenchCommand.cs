using System.CommandLine;

namespace Concord.Cli.Commands.Bench;

/// <summary><c>concord bench …</c>: performance measurements of the platform's kernels on this machine.</summary>
internal static class BenchCommand
{
    public static Command Build()
    {
        var command = new Command("bench", "Measure the speed of Concord's kernels on this machine.");
        command.Subcommands.Add(BenchPaillierCommand.Build());
        return command;
    }
}
