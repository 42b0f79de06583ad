using System.CommandLine;
using Concord.Cli.Commands;
using Spectre.Console;

namespace Concord.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            // Spectre assumes 80 columns and colour when not on a terminal; a log or a pipe wants neither.
            AnsiConsole.Profile.Width = 160;
            AnsiConsole.Profile.Capabilities.Ansi = false;
            AnsiConsole.Profile.Capabilities.ColorSystem = ColorSystem.NoColors;
        }
        var root = new RootCommand("Concord: federated learning where the data stays and the model moves.");
        foreach (var group in CommandGroups.All())
        {
            root.Subcommands.Add(group);
        }
        VersionCommand.ReplaceOption(root);
        var parse = root.Parse(args);
        return ParseFailures.Any(parse) ? ParseFailures.Report(parse, Console.Error) : parse.Invoke();
    }
}
