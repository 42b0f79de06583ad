using System.CommandLine;
using System.Globalization;
using Concord.Bench.Homo;
using Spectre.Console;

namespace Concord.Cli.Commands.Bench;

/// <summary><c>concord bench homo --clients N --params P --rounds R [--json]</c>: the cost of secure aggregation against plain, same run.</summary>
internal static class BenchHomoCommand
{
    public static Command Build()
    {
        var clients = new Option<int>("--clients") { Description = "Client processes (the guest and hosts)", DefaultValueFactory = _ => 10 };
        var parameters = new Option<int>("--params") { Description = "Model parameters aggregated per round", DefaultValueFactory = _ => 1_000_000 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds of each training (two each of secure and plain aggregation)", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line" };
        var command = new Command("homo", "Horizontal training rounds with secure aggregation against plain aggregation, every party its own process over HTTP/2 mutual TLS.");
        foreach (var option in new Option[] { clients, parameters, rounds, json })
        {
            command.Options.Add(option);
        }
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            var (n, p, r) = (parse.GetValue(clients), parse.GetValue(parameters), parse.GetValue(rounds));
            if (n < 2)
            {
                throw new ArgumentException($"--clients must be at least 2: secure aggregation of one client is its update (got {n})");
            }
            if (p < 1 || r < 1)
            {
                throw new ArgumentException($"--params and --rounds must be at least 1 (got {p} and {r})");
            }
            var started = DateTime.UtcNow;
            var progress = new Progress<string>(line => Console.Error.WriteLine($"[{(DateTime.UtcNow - started).TotalSeconds,5:F0} s] {line}"));
            var result = await HomoBenchmark.RunAsync(new HomoBenchmarkOptions(n, p, r, progress), ct);
            Print(result);
            if (parse.GetValue(json))
            {
                JsonLine.Write(result);
            }
            return 0;
        });
        return command;
    }

    private static void Print(HomoBenchmarkResult result)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]Horizontal aggregation[/], {result.Clients} clients + arbiter as processes, {result.Parameters:N0} parameters, {result.Rounds} rounds each; {result.Cores} cores");
        var rounds = new Table().AddColumns("aggregation", "median s/round", "mean s/round", "rounds (s)");
        rounds.AddRow("secure (Bonawitz)", F(result.Secure.Median), F(result.Secure.Mean), string.Join(", ", result.Secure.Seconds.Select(F)));
        rounds.AddRow("plain", F(result.Plain.Median), F(result.Plain.Mean), string.Join(", ", result.Plain.Seconds.Select(F)));
        console.Write(rounds);
        console.MarkupLine($"cost of privacy: {result.Ratio:F2}× (mean secure / mean plain, key agreement included); target ≤ 1.3×: " + (result.Met ? "[green]met[/]" : "[red]not met[/]"));
        console.MarkupLine($"CPU of all processes per round: secure {F(result.SecureCpuPerRound)} s, plain {F(result.PlainCpuPerRound)} s ({result.CpuRatio:F2}×); load average at the end {result.LoadAverage:F1} on {result.Cores} cores");
        var phases = new Table().AddColumns("where secure aggregation's time goes (s per round)", "seconds");
        foreach (var (phase, seconds) in result.ClientPhasesPerRound.OrderByDescending(p => p.Value))
        {
            phases.AddRow($"client (mean of {result.Clients}): {Markup.Escape(phase)}", F(seconds));
        }
        foreach (var (phase, seconds) in result.ArbiterPhasesPerRound.OrderByDescending(p => p.Value))
        {
            phases.AddRow($"arbiter: {Markup.Escape(phase)}", F(seconds));
        }
        console.Write(phases);
    }

    private static string F(double seconds) => seconds.ToString("F3", CultureInfo.InvariantCulture);
}
