using System.CommandLine;
using System.Reflection;

namespace Concord.Cli.Commands;

internal static class VersionCommand
{
    public static Command Build()
    {
        var command = new Command("version", "Print the Concord version.");
        UserFacing.SetAction(command, (_, _) =>
        {
            Console.WriteLine(Assembly.GetExecutingAssembly().GetName().Version);
            return Task.FromResult(0);
        });
        return command;
    }
}
