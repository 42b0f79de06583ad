using System.CommandLine;
using Concord.Cli.Commands.Job;
using Concord.Flow.Audit;

namespace Concord.Cli.Commands.Audit;

/// <summary>
/// <c>concord audit reconcile JOB --with PARTY</c>: checks that the messages of a job this party recorded as sent
/// to PARTY are the ones PARTY recorded as received (by size and payload digest), and the other way round. PARTY's
/// trail comes from its exported file (<c>--file</c>) or from its node. Both trails are verified first.
/// Exits 1 on any difference.
/// </summary>
internal static class AuditReconcileCommand
{
    public static Command Build()
    {
        var command = new Command("reconcile", "Check that the messages of a job one party recorded as sent are the ones the other recorded as received.");
        var job = new Argument<string>("job") { Description = "The job id" };
        var with = new Option<int>("--with") { Description = "The other party", Required = true };
        var file = new Option<string?>("--file") { Description = "The other party's exported audit trail (default: fetch it from its node)" };
        var cert = new Option<string?>("--cert") { Description = "The other party's certificate (default: from the config)" };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line" };
        var connection = new NodeConnection();
        connection.AddTo(command);
        command.Arguments.Add(job);
        foreach (var option in new Option[] { with, file, cert, json })
        {
            command.Options.Add(option);
        }
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            var (jobId, other) = (parse.GetValue(job)!, parse.GetValue(with));
            await using var mine = await AuditSource.FromNodeAsync(connection, parse, null, ct);
            await using var theirs = parse.GetValue(file) is string path
                ? await AuditSource.FromFileAsync(path, parse.GetValue(cert) ?? connection.LoadConfig(parse).Party(other).Certificate, ct)
                : await AuditSource.FromNodeAsync(connection, parse, other, ct);
            if (theirs.Reader.Party != other)
            {
                throw new ArgumentException($"{theirs.Name} is the audit trail of party {theirs.Reader.Party}, not of party {other}");
            }
            var (myTrail, myVerdict) = await ReadJobAsync(mine, jobId, ct);
            var (theirTrail, theirVerdict) = await ReadJobAsync(theirs, jobId, ct);
            Console.WriteLine($"party {myTrail.Party}'s trail: {AuditSource.Describe(myVerdict)}");
            Console.WriteLine($"party {theirTrail.Party}'s trail: {AuditSource.Describe(theirVerdict)}");
            var result = AuditReconciler.Reconcile(jobId, myTrail, theirTrail);
            Console.WriteLine(result.Consistent
                ? $"job {result.JobId}: the {result.Compared} messages between party {result.Party} and party {result.Other} match on both sides"
                : $"job {result.JobId}: {result.Mismatches.Count} of the messages between party {result.Party} and party {result.Other} differ");
            foreach (var mismatch in result.Mismatches)
            {
                Console.WriteLine($"  {mismatch.Subject} ({mismatch.From} -> {mismatch.To}): {mismatch.Problem}");
            }
            if (parse.GetValue(json))
            {
                JsonLine.Write(new { Reconciliation = result, Trails = new[] { myVerdict, theirVerdict } });
            }
            return result.Consistent && myVerdict.Intact && theirVerdict.Intact ? 0 : 1;
        });
        return command;
    }

    /// <summary>Verifies a trail, keeping the job's message records as they pass.</summary>
    private static async Task<(JobTrail Trail, AuditVerdict Verdict)> ReadJobAsync(AuditSource source, string jobId, CancellationToken ct)
    {
        var messages = new List<AuditRecord>();
        var verdict = await source.VerifyAsync(r =>
        {
            if (JobTrail.Keeps(r, jobId))
            {
                messages.Add(r);
            }
        }, ct);
        return (new JobTrail(source.Reader.Party, messages), verdict);
    }
}
