using System.CommandLine;
using System.Globalization;
using Concord.Cli.Commands.Job;
using Concord.Flow.Governance;
using Spectre.Console;

namespace Concord.Cli.Commands.Governance;

/// <summary><c>concord grant add|list|revoke</c>: a party's admin decides which tables other parties' jobs may use.</summary>
internal static class GrantCommand
{
    public static Command Build()
    {
        var grant = new Command("grant", "Grant other parties' jobs the use of this party's tables (run against your own node with --party).");
        grant.Subcommands.Add(Add());
        grant.Subcommands.Add(List());
        grant.Subcommands.Add(RevokeCommand.Build("grant", "Revoke a grant: the next job that needs it is refused.", (api, id, ct) => api.RevokeGrantAsync(id, ct)));
        return grant;
    }

    private static Command Add()
    {
        var command = new Command("add", "Let the named parties' jobs use a table, for the named component types.");
        var table = new Option<string>("--table") { Description = "The table, as namespace/name", Required = true };
        var to = new Option<string>("--to") { Description = "The initiating parties it is for, comma-separated", Required = true };
        var components = new Option<string>("--components") { Description = "Component types that may use it, comma-separated (e.g. psi,hetero_lr), or *", Required = true };
        var until = new Option<string?>("--until") { Description = "When the grant ends, as an ISO 8601 UTC time (e.g. 2027-01-31T00:00:00Z); never by default" };
        var once = new Option<bool>("--once") { Description = "Serve one job only: the first job admitted under it" };
        var job = new Option<string?>("--job") { Description = "Serve only this job id" };
        foreach (var option in new Option[] { table, to, components, until, once, job })
        {
            command.Options.Add(option);
        }
        return NodeConnection.Bind(command, async (parse, api, ct) =>
        {
            var parts = parse.GetValue(table)!.Split('/');
            if (parts.Length != 2)
            {
                throw new ArgumentException($"--table: \"{parse.GetValue(table)}\" is not namespace/name");
            }
            var added = await api.AddGrantAsync(new NewGrant(
                parts[0], parts[1], PartyIdList.Parse(parse.GetValue(to)!, "--to"),
                [.. parse.GetValue(components)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                Until(parse.GetValue(until)), parse.GetValue(once), parse.GetValue(job)), ct);
            Console.WriteLine(added);
            return 0;
        });
    }

    private static Command List()
    {
        var command = new Command("list", "List the node's grants.");
        var all = new Option<bool>("--all") { Description = "Include revoked grants" };
        command.Options.Add(all);
        return NodeConnection.Bind(command, async (parse, api, ct) =>
        {
            var table = new Table().AddColumns("grant", "table", "to", "components", "until", "job", "revoked");
            foreach (var g in await api.ListGrantsAsync(parse.GetValue(all), ct))
            {
                table.AddRow(g.GrantId, Markup.Escape(g.Table.ToString()), string.Join(",", g.Parties), Markup.Escape(string.Join(",", g.Components)),
                    g.Until is { } u ? $"{u:yyyy-MM-dd HH:mm:ss}Z" : "never", Markup.Escape(g.JobId ?? (g.Once ? "(one job)" : "")),
                    g.RevokedAt is { } r ? $"{r:yyyy-MM-dd HH:mm:ss}Z" : "");
            }
            AnsiConsole.Write(table);
            return 0;
        });
    }

    private static DateTimeOffset? Until(string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time
        : throw new ArgumentException($"--until: \"{text}\" is not a time; write it as 2027-01-31T00:00:00Z");
}
