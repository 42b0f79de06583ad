using System.CommandLine;
using System.Globalization;
using Concord.Bench.Serving;
using Spectre.Console;

namespace Concord.Cli.Commands.Bench;

/// <summary>
/// <c>concord bench serving --model hetero-lr|secureboost --concurrency 1,8,32,128 --seconds 20 [--json]</c>: online
/// serving over guest and host node processes, requests per second and latency per load level, beside plaintext
/// scoring of the same model in the same run.
/// </summary>
internal static class BenchServingCommand
{
    public static Command Build()
    {
        var model = new Option<string>("--model") { Description = "hetero-lr or secureboost", DefaultValueFactory = _ => "hetero-lr" };
        var concurrency = new Option<string>("--concurrency") { Description = "Requests kept in flight, one level after another", DefaultValueFactory = _ => "1,8,32,128" };
        var seconds = new Option<double>("--seconds") { Description = "Measured seconds per level (after a one-second warm-up)", DefaultValueFactory = _ => 20 };
        var rows = new Option<int>("--rows") { Description = "Customers at both parties (trained on, and served)", DefaultValueFactory = _ => 10_000 };
        var guestFeatures = new Option<int>("--guest-features") { Description = "Features at the guest (default_credit: 13)", DefaultValueFactory = _ => 13 };
        var hostFeatures = new Option<int>("--host-features") { Description = "Features at the host (default_credit: 10)", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line" };
        var command = new Command("serving", "Online serving: requests per second and p50/p95/p99 latency per concurrency, against plaintext scoring in the same run.");
        foreach (var option in new Option[] { model, concurrency, seconds, rows, guestFeatures, hostFeatures, json })
        {
            command.Options.Add(option);
        }
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            var levels = parse.GetValue(concurrency)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 4096 ? n
                    : throw new ArgumentException($"--concurrency takes numbers from 1 to 4096 separated by commas (got \"{c}\")")).ToList();
            var duration = parse.GetValue(seconds) is var s and >= 1 and <= 3600 ? s : throw new ArgumentException($"--seconds must be 1 to 3600 (got {parse.GetValue(seconds)})");
            var options = new ServingBenchmarkOptions(parse.GetValue(model)!, BenchArguments.Positive(parse.GetValue(rows), "--rows"), BenchArguments.Positive(parse.GetValue(guestFeatures), "--guest-features"),
                BenchArguments.Positive(parse.GetValue(hostFeatures), "--host-features"), levels, duration, ((IProgress<string>)BenchProgress.Create()).Report);
            var result = await ServingBenchmark.RunAsync(options, ct);
            Print(result);
            if (parse.GetValue(json))
            {
                JsonLine.Write(result);
            }
            return 0;
        });
        return command;
    }

    private static void Print(ServingBenchmarkResult r)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]serving {r.Model}[/], {r.Rows:N0} customers, {r.GuestFeatures} guest + {r.HostFeatures} host features; {r.Cores} cores; trained in {r.TrainSeconds:F1} s");
        var table = new Table().AddColumns("in flight", "requests/s", "p50 ms", "p95 ms", "p99 ms", "errors", "plaintext / served");
        foreach (var l in r.Levels)
        {
            table.AddRow($"{l.Concurrency}", $"{l.Qps:F0}", $"{l.LatencyMsP50:F1}", $"{l.LatencyMsP95:F1}", $"{l.LatencyMsP99:F1}", $"{l.Errors}", $"{r.PlaintextQps / l.Qps:F1}×");
        }
        console.Write(table);
        console.MarkupLine($"plaintext in-process scoring, one row at a time: {r.PlaintextQps:F0} rows/s, p99 {r.PlaintextLatencyMsP99:F3} ms");
        console.MarkupLine($"target at {r.TargetConcurrency} in flight: ≥ {r.TargetQps:F0} requests/s with p99 ≤ {r.TargetLatencyMsP99:F0} ms on 2 cores: "
            + (r.Met switch { true => "[green]met[/]", false => "[red]not met[/]", null => "(not judged: not a 2-core machine, or that level was not run)" }));
        foreach (var l in r.Levels.Where(l => l.FirstError is not null))
        {
            console.MarkupLine($"[red]{l.Concurrency} in flight, first error:[/] {Markup.Escape(l.FirstError!)}");
        }
    }
}
