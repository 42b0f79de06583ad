using System.Globalization;
using Spectre.Console;

namespace Concord.Cli.Demo;

internal static class DemoReport
{
    public static void Print(DemoOutcome outcome)
    {
        var job = outcome.Job.Job;
        Console.WriteLine($"Vertical credit scoring on default_credit: PSI found {outcome.Intersection} shared customers; job {job.JobId} {job.State.ToString().ToLowerInvariant()}");
        if (outcome.Federated is null)
        {
            Console.WriteLine($"The job failed: {job.Error}");
            Console.WriteLine($"Logs and data are kept in {outcome.Folder}");
            return;
        }
        var table = new Table().AddColumns("model", "AUC", "KS", "training time (s)");
        table.AddRow("HeteroLR, federated (guest + host + arbiter, Paillier)", Text(outcome.Federated.Auc), Text(outcome.Federated.Ks), Text(outcome.Federated.Seconds, "F1"));
        table.AddRow("LocalBaseline, plaintext on the joined data", Text(outcome.Baseline.Auc), Text(outcome.Baseline.Ks), Text(outcome.Baseline.Seconds, "F2"));
        AnsiConsole.Write(table);
        var gap = Math.Abs(outcome.Federated.Auc - outcome.Baseline.Auc);
        Console.WriteLine($"AUC difference {gap:E2} (tolerance {DemoOutcome.AucTolerance}); the demo took {outcome.TotalSeconds:F1} s.");
        Console.WriteLine(outcome.Passed ? "PASS: the federated model matches the plaintext one." : $"FAIL: see {outcome.Folder}");
    }

    public static object Figures(DemoOutcome outcome) => new
    {
        passed = outcome.Passed,
        job = outcome.Job.Job.JobId,
        state = outcome.Job.Job.State.ToString().ToLowerInvariant(),
        error = outcome.Job.Job.Error,
        intersection = outcome.Intersection,
        auc = outcome.Federated?.Auc,
        ks = outcome.Federated?.Ks,
        trainSeconds = outcome.Federated?.Seconds,
        baselineAuc = outcome.Baseline.Auc,
        baselineKs = outcome.Baseline.Ks,
        baselineSeconds = outcome.Baseline.Seconds,
        aucTolerance = DemoOutcome.AucTolerance,
        totalSeconds = outcome.TotalSeconds,
    };

    private static string Text(double value, string format = "F5") => value.ToString(format, CultureInfo.InvariantCulture);
}
