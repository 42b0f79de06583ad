using System.CommandLine;
using Concord.Cli.Commands.Job;
using Concord.Flow.Governance;
using Spectre.Console;

namespace Concord.Cli.Commands.Governance;

/// <summary><c>concord token issue|list|revoke</c>: an admin hands out API tokens limited to one role.</summary>
internal static class TokenCommand
{
    public static Command Build()
    {
        var token = new Command("token", "Issue, list and revoke operator tokens with a role (admin only).");
        token.Subcommands.Add(Issue());
        token.Subcommands.Add(List());
        token.Subcommands.Add(RevokeCommand.Build("token", "Revoke a token: it signs no one in from now on.", (api, id, ct) => api.RevokeTokenAsync(id, ct)));
        return token;
    }

    private static Command Issue()
    {
        var command = new Command("issue", "Issue a token; its secret is printed once and stored only as a digest.");
        var role = new Option<string>("--role") { Description = "admin, data_scientist or auditor", Required = true };
        var name = new Option<string>("--name") { Description = "Who the token is for", Required = true };
        command.Options.Add(role);
        command.Options.Add(name);
        return NodeConnection.Bind(command, async (parse, api, ct) =>
        {
            var issued = await api.IssueTokenAsync(parse.GetValue(name)!, OperatorRoles.Parse(parse.GetValue(role)!), ct);
            Console.WriteLine($"{issued.Record.TokenId} for {issued.Record.Name} as {issued.Record.Role.Name()}");
            Console.WriteLine(issued.Secret);
            return 0;
        });
    }

    private static Command List()
    {
        var command = new Command("list", "List issued tokens (never their secrets).");
        return NodeConnection.Bind(command, async (_, api, ct) =>
        {
            var table = new Table().AddColumns("token", "name", "role", "created", "revoked");
            foreach (var t in await api.ListTokensAsync(ct))
            {
                table.AddRow(t.TokenId, Markup.Escape(t.Name), t.Role.Name(), $"{t.CreatedAt:yyyy-MM-dd HH:mm:ss}Z", t.RevokedAt is { } r ? $"{r:yyyy-MM-dd HH:mm:ss}Z" : "");
            }
            AnsiConsole.Write(table);
            return 0;
        });
    }
}
