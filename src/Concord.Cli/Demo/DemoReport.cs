using System.Globalization;
using Spectre.Console;

namespace Concord.Cli.Demo;

internal static class DemoReport
{
    public static void Print(DemoOutcome outcome)
    {
        var job = outcome.Job.Job;
        Console.WriteLine($"Vertical credit scoring on default_credit: PSI found {outcome.Intersection} shared customers; job {job.JobId} {job.State.ToString().ToLowerInvariant()}");
        if (job.State != Flow.Control.TaskState.Success)
        {
            Console.WriteLine($"The job failed: {job.Error}");
        }
        var table = new Table().AddColumns("model", "run", "AUC", "KS", "training time (s)");
        foreach (var model in outcome.Models)
        {
            var federated = model.Federated;
            table.AddRow(Markup.Escape(model.Spec.Name), "federated", Text(federated?.Auc), Text(federated?.Ks), Text(federated?.Seconds, "F1"));
            table.AddRow("", "plaintext LocalBaseline on the joined data", Text(model.Baseline.Auc), Text(model.Baseline.Ks), Text(model.Baseline.Seconds, "F2"));
        }
        AnsiConsole.Write(table);
        foreach (var model in outcome.Models.Where(m => m.Federated is not null))
        {
            Console.WriteLine($"{model.Spec.Name}: AUC difference {Math.Abs(model.Federated!.Auc - model.Baseline.Auc):E2} (tolerance {model.Spec.AucTolerance:G})");
        }
        if (outcome.Served.Count > 0)
        {
            var served = new Table().AddColumns(["new customer", "defaulted", .. DemoScenario.Models.Select(m => $"P(default), {m.Serving}")]);
            foreach (var customer in outcome.Served)
            {
                served.AddRow([customer.Id, customer.Label == 1 ? "yes" : "no", .. DemoScenario.Models.Select(m => Text(customer.Scores[m.Serving], "F3"))]);
            }
            Console.WriteLine("Scored online through the guest's serving API (models never saw these customers):");
            AnsiConsole.Write(served);
        }
        Console.WriteLine($"The demo took {outcome.TotalSeconds:F1} s; the two models trained at the same time, sharing the machine.");
        Console.WriteLine(outcome.Passed ? "PASS: every federated model matches its plaintext one." : $"FAIL: logs and data are kept in {outcome.Folder}");
    }

    public static object Figures(DemoOutcome outcome) => new
    {
        passed = outcome.Passed,
        job = outcome.Job.Job.JobId,
        state = outcome.Job.Job.State.ToString().ToLowerInvariant(),
        error = outcome.Job.Job.Error,
        intersection = outcome.Intersection,
        models = outcome.Models.Select(m => new
        {
            component = m.Spec.Component,
            passed = m.Passed,
            auc = m.Federated?.Auc,
            ks = m.Federated?.Ks,
            trainSeconds = m.Federated?.Seconds,
            baselineAuc = m.Baseline.Auc,
            baselineKs = m.Baseline.Ks,
            baselineSeconds = m.Baseline.Seconds,
            aucTolerance = m.Spec.AucTolerance,
        }),
        served = outcome.Served.Select(c => new { id = c.Id, label = c.Label, scores = c.Scores }),
        totalSeconds = outcome.TotalSeconds,
    };

    private static string Text(double? value, string format = "F5") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "–";
}
