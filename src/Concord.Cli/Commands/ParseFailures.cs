using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Concord.Flow.Dsl;

namespace Concord.Cli.Commands;

/// <summary>
/// What a command line the parser rejects prints instead of the whole help: one line naming the unknown word and the
/// nearest known one, or the parser's errors, and where to read the usage. The parser's own report stacks
/// "Required command was not provided" on top of "Unrecognized command" and then the full help.
/// </summary>
internal static class ParseFailures
{
    public static bool Any(ParseResult parse) => parse.Errors.Count > 0 && parse.Action is ParseErrorAction;

    /// <returns>The exit code: always a failure.</returns>
    public static int Report(ParseResult parse, TextWriter error)
    {
        var command = parse.CommandResult.Command;
        var path = PathOf(parse.CommandResult);
        // An unknown --option before an argument is taken for that argument's value, so look for it there first.
        var unknown = parse.Tokens.FirstOrDefault(t => t.Type == TokenType.Argument && t.Value.StartsWith("--", StringComparison.Ordinal))?.Value
            ?? parse.UnmatchedTokens.FirstOrDefault();
        if (unknown is not null)
        {
            var option = unknown.StartsWith('-');
            if (option || command.Subcommands.Count > 0)
            {
                var kind = option ? "option" : "command";
                var known = option ? OptionNames(parse.CommandResult) : command.Subcommands.Where(c => !c.Hidden).SelectMany(Names);
                var nearest = NearestName.Find(unknown, known);
                error.WriteLine($"unknown {kind} '{unknown}'{(nearest is null ? "" : $"; did you mean '{nearest}'?")} ({path} --help lists {kind}s)");
                return 1;
            }
        }
        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            error.WriteLine($"{path} needs a command: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))} ({path} --help lists them)");
            return 1;
        }
        foreach (var parseError in parse.Errors)
        {
            error.WriteLine($"error: {parseError.Message}");
        }
        error.WriteLine($"({path} --help shows the usage)");
        return 1;
    }

    private static IEnumerable<string> Names(Symbol symbol) => symbol switch
    {
        Command c => c.Aliases.Prepend(c.Name),
        Option o => o.Aliases.Prepend(o.Name),
        _ => [symbol.Name],
    };

    /// <summary>The command's options and the recursive ones of the commands above it (--help, --version).</summary>
    private static IEnumerable<string> OptionNames(CommandResult result)
    {
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
        {
            foreach (var option in c.Command.Options.Where(o => !o.Hidden && (ReferenceEquals(c, result) || o.Recursive)))
            {
                foreach (var name in Names(option))
                {
                    yield return name;
                }
            }
        }
    }

    /// <summary>The words a user typed to reach the command, such as "concord job submit".</summary>
    private static string PathOf(CommandResult result)
    {
        var words = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
        {
            words.Add(c.Parent is null ? "concord" : c.Command.Name);
        }
        words.Reverse();
        return string.Join(' ', words);
    }
}
