using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Concord.Cli.Commands.Bench;

/// <summary><c>concord bench psi --ids N --overlap F [--json]</c>: two-party ECDH-PSI over node processes, next to libsodium's raw speed.</summary>
internal static class BenchPsiCommand
{
    public static Command Build()
    {
        var ids = new Option<int>("--ids") { Description = "Ids at each party", DefaultValueFactory = _ => 1_000_000 };
        var overlap = new Option<double>("--overlap") { Description = "Fraction of each party's ids the other also holds", DefaultValueFactory = _ => 0.5 };
        var seconds = new Option<double>("--reference-seconds") { Description = "Seconds per libsodium reference figure", DefaultValueFactory = _ => 1.0 };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line" };
        var command = new Command("psi", "ECDH-PSI of two parties' ids over the real transport, with a time breakdown and libsodium's raw speed as the reference.");
        command.Options.Add(ids);
        command.Options.Add(overlap);
        command.Options.Add(seconds);
        command.Options.Add(json);
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            var count = parse.GetValue(ids);
            var fraction = parse.GetValue(overlap);
            if (count < 1)
            {
                throw new ArgumentException($"--ids must be at least 1 (got {count})");
            }
            if (fraction is <= 0 or > 1)
            {
                throw new ArgumentException($"--overlap must be in (0, 1] so that the intersection is not empty (got {fraction})");
            }
            var result = await PsiBenchmark.RunAsync(new PsiBenchmarkOptions(count, fraction, parse.GetValue(seconds), BenchProgress.Create()), ct);
            Print(result);
            if (parse.GetValue(json))
            {
                JsonLine.Write(result);
            }
            return 0;
        });
        return command;
    }

    private static void Print(PsiBenchmarkResult result)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]ECDH-PSI (ristretto255)[/], {result.Ids:N0} ids per party, overlap {result.Overlap:P0} → {result.Intersection:N0} shared; {result.Cores} cores");
        console.MarkupLine($"total {result.TotalSeconds:F1} s, {result.IdsPerSecond:N0} ids/s per party; libsodium floor for this run {result.FloorSeconds:F1} s"
            + $" (ratio {result.TotalSeconds / result.FloorSeconds:F2}×); target ≤ {result.TargetSeconds:F0} s on 2 cores: "
            + (result.Met switch { true => "[green]met[/]", false => "[red]not met[/]", null => "(not a 2-core machine)" }));
        var breakdown = new Table().AddColumns("party", "hash-to-group (s)", "scalar mult (s)", "transport + waiting (s)", "matching (s)");
        foreach (var p in result.Parties)
        {
            breakdown.AddRow($"{p.Party} ({p.Role})", F(p.HashToGroup), F(p.ScalarMultiplication), F(p.Exchange), F(p.Matching));
        }
        console.Write(breakdown);
        var reference = new Table().AddColumns("reference (same run)", "1 core", $"{result.Cores} cores", "unit");
        foreach (var f in result.Reference)
        {
            reference.AddRow(Markup.Escape(f.Name), f.PerCore.ToString("N0", CultureInfo.InvariantCulture), f.AllCores.ToString("N0", CultureInfo.InvariantCulture), f.Unit);
        }
        console.Write(reference);
    }

    private static string F(double seconds) => seconds.ToString("F2", CultureInfo.InvariantCulture);
}
