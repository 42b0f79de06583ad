using System.CommandLine;

namespace Concord.Cli.Commands.Data;

/// <summary><c>concord data ...</c>: a party's own tables, as FATE's <c>flow table</c> and <c>flow data upload</c> handle them.</summary>
internal static class DataCommand
{
    public static Command Build()
    {
        var command = new Command("data", "Store and inspect this party's tables (they never leave its data directory).");
        command.Subcommands.Add(DataUploadCommand.Build());
        command.Subcommands.Add(DataListCommand.Build());
        command.Subcommands.Add(DataShowCommand.Build());
        command.Subcommands.Add(DataDeleteCommand.Build());
        return command;
    }
}
