using System.Globalization;
using Spectre.Console;

namespace Concord.Cli.Demo;

internal static class DemoReport
{
    public static void Print(DemoOutcome outcome)
    {
        var job = outcome.Job.Job;
        Console.WriteLine($"Federated statistics over {outcome.RowsPerParty.Values.Sum()} rows held by parties "
            + string.Join(", ", outcome.RowsPerParty.Select(p => $"{p.Key} ({p.Value} rows)")));
        if (outcome.Federated is null)
        {
            Console.WriteLine($"The job failed: {job.Error}");
            Console.WriteLine($"Logs and data are kept in {outcome.Folder}");
            return;
        }
        var table = new Table().AddColumns("feature", "count", "missing", "mean", "mean (plain)", "std dev", "std dev (plain)", "min", "max");
        foreach (var p in outcome.Plaintext.Columns)
        {
            var f = outcome.Federated[p.Name];
            table.AddRow(p.Name, Text(f.Count), Text(f.Missing), Text(f.Mean), Text(p.Mean), Text(f.StandardDeviation), Text(p.StandardDeviation), Text(f.Min), Text(f.Max));
        }
        AnsiConsole.Write(table);
        Console.WriteLine($"Counts, missing counts, min and max equal plaintext exactly: {Yes(DemoComparison.ExactCountsAndExtremes(outcome.Federated, outcome.Plaintext))}");
        Console.WriteLine($"Worst difference in mean or variance, relative to max(|plaintext|, 1): {DemoComparison.WorstRelativeError(outcome.Federated, outcome.Plaintext):E2} (tolerance {DemoComparison.RelativeTolerance:E0})");
        Console.WriteLine($"Nodes started in {outcome.StartupSeconds:F1} s; the federated job took {outcome.JobSeconds:F2} s; the demo took {outcome.TotalSeconds:F1} s.");
        Console.WriteLine(outcome.Passed ? "PASS: the federated result matches plaintext." : $"FAIL: the federated result does not match plaintext; see {outcome.Folder}");
    }

    public static object Figures(DemoOutcome outcome) => new
    {
        passed = outcome.Passed,
        job = outcome.Job.Job.JobId,
        state = outcome.Job.Job.State.ToString().ToLowerInvariant(),
        error = outcome.Job.Job.Error,
        parties = outcome.RowsPerParty.Keys,
        rows = outcome.RowsPerParty.Values.Sum(),
        features = outcome.Plaintext.Columns.Count,
        exactCountsAndExtremes = outcome.Federated is not null && DemoComparison.ExactCountsAndExtremes(outcome.Federated, outcome.Plaintext),
        worstRelativeError = outcome.Federated is null ? (double?)null : DemoComparison.WorstRelativeError(outcome.Federated, outcome.Plaintext),
        tolerance = DemoComparison.RelativeTolerance,
        jobSeconds = outcome.JobSeconds,
        nodeStartupSeconds = outcome.StartupSeconds,
        totalSeconds = outcome.TotalSeconds,
    };

    private static string Yes(bool value) => value ? "yes" : "NO";

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double? value) => value is double v ? v.ToString("G7", CultureInfo.InvariantCulture) : "-";
}
