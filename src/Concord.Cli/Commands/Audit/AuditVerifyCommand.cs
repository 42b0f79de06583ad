using System.CommandLine;
using Concord.Cli.Commands.Job;
using Concord.Flow.Audit;

namespace Concord.Cli.Commands.Audit;

/// <summary>
/// <c>concord audit verify</c>: checks a node's trail (fetched through its API, checked here against the party's
/// certificate from the config), or an exported file against a certificate alone (<c>--file F --cert C</c>).
/// Exits 1 when the trail is not intact, naming the first bad record.
/// </summary>
internal static class AuditVerifyCommand
{
    public static Command Build()
    {
        var command = new Command("verify", "Check that no audit record was altered, removed or reordered, and that every checkpoint is signed by the party.");
        var file = new Option<string?>("--file") { Description = "An exported audit trail to check instead of a node's" };
        var cert = new Option<string?>("--cert") { Description = "The party's certificate (PEM) to check the file's signatures with" };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line" };
        var connection = new NodeConnection(configRequired: false);
        connection.AddTo(command);
        command.Options.Add(file);
        command.Options.Add(cert);
        command.Options.Add(json);
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            await using var trail = parse.GetValue(file) is string path
                ? await AuditSource.FromFileAsync(path, parse.GetValue(cert) ?? throw new ArgumentException("--file needs --cert, the certificate of the party whose trail it is"), ct)
                : await AuditSource.FromNodeAsync(connection, parse, null, ct);
            var verdict = await trail.VerifyAsync(null, ct);
            Print(verdict, trail.Name);
            if (parse.GetValue(json))
            {
                JsonLine.Write(verdict);
            }
            return verdict.Intact ? 0 : 1;
        });
        return command;
    }

    private static void Print(AuditVerdict verdict, string source)
    {
        var coverage = $"{verdict.Records} records, {verdict.Checkpoints} signed checkpoints, signed through record {verdict.SignedThrough}";
        if (verdict.Intact)
        {
            Console.WriteLine($"audit trail of party {verdict.Party} ({source}): intact; {coverage}");
            if (verdict.SignedThrough < verdict.Records)
            {
                Console.WriteLine($"records after {verdict.SignedThrough} are not signed yet: their removal could not be seen (export the trail to sign it up to its end)");
            }
            return;
        }
        Console.WriteLine($"audit trail of party {verdict.Party} ({source}): NOT intact; first bad record: {verdict.FirstBad!.Seq}; {coverage}");
        foreach (var problem in verdict.Problems)
        {
            Console.WriteLine($"  {problem.Message}");
        }
    }
}
