using System.CommandLine;
using Concord.Data;

namespace Concord.Cli.Commands.Data;

/// <summary>The NS T pair of positional arguments that name a stored table.</summary>
internal sealed class TableNameArguments
{
    private readonly Argument<string> _namespace = new("namespace") { Description = "The table's namespace" };
    private readonly Argument<string> _name = new("name") { Description = "The table's name" };

    public void AddTo(Command command)
    {
        command.Arguments.Add(_namespace);
        command.Arguments.Add(_name);
    }

    public TableName Get(ParseResult parse) => new(parse.GetValue(_namespace)!, parse.GetValue(_name)!);
}
