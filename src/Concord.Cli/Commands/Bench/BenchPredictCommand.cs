using System.CommandLine;
using Concord.Bench.Prediction;
using Spectre.Console;

namespace Concord.Cli.Commands.Bench;

/// <summary>
/// <c>concord bench predict --rows 1000000 [--json]</c>: batch prediction through <c>job deploy</c> and <c>job predict</c>
/// over node processes, rows per second beside plaintext scoring of the same rows in the same run.
/// </summary>
internal static class BenchPredictCommand
{
    public static Command Build()
    {
        var rows = new Option<int>("--rows") { Description = "New customers to score (at both parties)", DefaultValueFactory = _ => 1_000_000 };
        var trainRows = new Option<int>("--train-rows") { Description = "Customers the model trains on first", DefaultValueFactory = _ => 10_000 };
        var guestFeatures = new Option<int>("--guest-features") { Description = "Features at the guest (default_credit: 13)", DefaultValueFactory = _ => 13 };
        var hostFeatures = new Option<int>("--host-features") { Description = "Features at the host (default_credit: 10)", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line" };
        var command = new Command("predict", "Batch prediction of a deployed HeteroLR pipeline (PSI, then the model) over node processes, in rows per second.");
        foreach (var option in new Option[] { rows, trainRows, guestFeatures, hostFeatures, json })
        {
            command.Options.Add(option);
        }
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            var options = new BatchPredictBenchmarkOptions(BenchArguments.Positive(parse.GetValue(rows), "--rows"), BenchArguments.Positive(parse.GetValue(trainRows), "--train-rows"),
                BenchArguments.Positive(parse.GetValue(guestFeatures), "--guest-features"), BenchArguments.Positive(parse.GetValue(hostFeatures), "--host-features"),
                ((IProgress<string>)BenchProgress.Create()).Report);
            var r = await BatchPredictBenchmark.RunAsync(options, ct);
            AnsiConsole.MarkupLine($"[bold]batch prediction[/], HeteroLR, {r.Rows:N0} new rows × ({r.GuestFeatures} guest + {r.HostFeatures} host) features; {r.Cores} cores");
            AnsiConsole.MarkupLine($"job predict {r.JobSeconds:F1} s: PSI {r.PsiSeconds:F1} s, then hetero_lr {r.PredictSeconds:F2} s = {r.RowsPerSecond:N0} rows/s;"
                + $" plaintext in-process {r.PlaintextRowsPerSecond:N0} rows/s (plaintext / federated = {r.Ratio:F1}×)");
            AnsiConsole.MarkupLine($"target ≥ {r.TargetRowsPerSecond:N0} rows/s after PSI on 2 cores: "
                + (r.Met switch { true => "[green]met[/]", false => "[red]not met[/]", null => "(not a 2-core machine)" }));
            if (parse.GetValue(json))
            {
                JsonLine.Write(r);
            }
            return 0;
        });
        return command;
    }
}
