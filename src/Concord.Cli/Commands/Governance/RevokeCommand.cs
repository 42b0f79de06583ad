using System.CommandLine;
using Concord.Cli.Commands.Job;
using Concord.Flow.Api;

namespace Concord.Cli.Commands.Governance;

/// <summary><c>concord grant revoke ID</c> and <c>concord token revoke ID</c>: the same command for two kinds of record.</summary>
internal static class RevokeCommand
{
    public static Command Build(string noun, string description, Func<OperatorClient, string, CancellationToken, Task<bool>> revoke)
    {
        var command = new Command("revoke", description);
        var id = new Argument<string>($"{noun}-id") { Description = $"The {noun}'s id, from {noun} list" };
        command.Arguments.Add(id);
        return NodeConnection.Bind(command, async (parse, api, ct) =>
        {
            var target = parse.GetValue(id)!;
            Console.WriteLine(await revoke(api, target, ct) ? $"revoked {target}" : $"{target} was already revoked");
            return 0;
        });
    }
}
