using System.CommandLine;
using System.Globalization;
using Concord.Cli.Commands.Job;
using Concord.Flow.Api;
using Concord.Flow.Audit;

namespace Concord.Cli.Commands.Audit;

/// <summary><c>concord audit show|export|verify|reconcile</c>: a party's tamper-evident record of what it did.</summary>
internal static class AuditCommand
{
    public static Command Build()
    {
        var audit = new Command("audit", "Show, export, verify and reconcile a party's audit trail.");
        audit.Subcommands.Add(Show());
        audit.Subcommands.Add(Export());
        audit.Subcommands.Add(AuditVerifyCommand.Build());
        audit.Subcommands.Add(AuditReconcileCommand.Build());
        return audit;
    }

    private static Command Show()
    {
        var command = new Command("show", "List a node's audit records, oldest first.");
        var job = new Option<string?>("--job") { Description = "Only the records of this job" };
        var since = new Option<string?>("--since") { Description = "Only records at or after this time (ISO 8601, UTC unless it says otherwise)" };
        var after = new Option<long>("--after") { Description = "Only records numbered above this", DefaultValueFactory = _ => 0 };
        var limit = new Option<int>("--limit") { Description = $"At most this many records (up to {AuditApi.MaxListed})", DefaultValueFactory = _ => 1000 };
        foreach (var option in new Option[] { job, since, after, limit })
        {
            command.Options.Add(option);
        }
        return NodeConnection.Bind(command, async (parse, api, ct) =>
        {
            var query = new AuditQuery(parse.GetValue(job), AuditApi.ParseSince(parse.GetValue(since)), parse.GetValue(after), parse.GetValue(limit));
            var records = await api.AuditRecordsAsync(query, ct);
            AuditListing.Write(Console.Out, records);
            if (records.Count == query.Limit)
            {
                Console.WriteLine($"(first {records.Count} records; see more with --after {records[^1].Seq})");
            }
            return 0;
        });
    }

    private static Command Export()
    {
        var command = new Command("export", "Write a node's whole audit trail, signed up to its last record, to a file anyone can verify with the party's certificate.");
        var output = new Option<string>("--out") { Description = "The file to write", Required = true };
        command.Options.Add(output);
        return NodeConnection.Bind(command, async (parse, api, ct) =>
        {
            var path = parse.GetValue(output)!;
            await using (var file = File.Create(path))
            {
                await api.ExportAuditAsync(file, ct);
            }
            await using var export = await AuditExportReader.OpenAsync(path, ct);
            var records = 0L;
            await foreach (var _ in export.RecordsAsync(ct))
            {
                records++;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {path}: party {export.Party}, {records} records, {export.Checkpoints.Count} signed checkpoints"));
            return 0;
        });
    }
}
