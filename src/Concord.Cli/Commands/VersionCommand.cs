using System.CommandLine;
using System.CommandLine.Invocation;

namespace Concord.Cli.Commands;

internal static class VersionCommand
{
    public static Command Build()
    {
        var command = new Command("version", "Print the Concord version.");
        UserFacing.SetAction(command, (_, _) =>
        {
            Console.WriteLine(ConcordVersion.Text);
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>Makes <c>--version</c> print what <c>concord version</c> prints, not the parser's own reading of the assembly.</summary>
    public static void ReplaceOption(RootCommand root)
    {
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new PrintVersion();
        }
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            Console.WriteLine(ConcordVersion.Text);
            return 0;
        }
    }
}
