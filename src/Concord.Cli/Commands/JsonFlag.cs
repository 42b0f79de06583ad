using System.CommandLine;

namespace Concord.Cli.Commands;

/// <summary>The --json option of a command that prints data: one JSON object on the last line of stdout instead of a table.</summary>
internal static class JsonFlag
{
    /// <param name="shape">The object's outline for the help, such as {"jobs": [...]}; docs/cli-json.md has each in full.</param>
    public static Option<bool> AddTo(Command command, string shape)
    {
        var json = new Option<bool>("--json") { Description = $"Print one JSON object, {shape}, instead of a table (docs/cli-json.md)" };
        command.Options.Add(json);
        return json;
    }
}
