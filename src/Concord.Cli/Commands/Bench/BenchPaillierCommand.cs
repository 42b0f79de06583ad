using System.CommandLine;
using System.Globalization;
using Concord.Bench.Paillier;
using Concord.Crypto.Arithmetic;
using Spectre.Console;

namespace Concord.Cli.Commands.Bench;

/// <summary><c>concord bench paillier --key-bits B [--json]</c>: Paillier throughputs next to raw libgmp's, from one run.</summary>
internal static class BenchPaillierCommand
{
    public static Command Build()
    {
        var keyBits = new Option<int>("--key-bits")
        {
            Description = "Paillier modulus size in bits (1024, 2048, 3072, …).",
            DefaultValueFactory = _ => 2048,
        };
        var json = new Option<bool>("--json") { Description = "End with one JSON object of the figures and ratios on the last line." };
        var seconds = new Option<double>("--seconds")
        {
            Description = "Seconds per figure, per core and again on all cores.",
            DefaultValueFactory = _ => 2.0,
        };
        var gmpLimit = new Option<string?>("--gmp-limit") { Description = "Path to gmp_limit.c (default: shared/bench/gmp_limit.c above the working folder)." };
        var command = new Command("paillier", "Paillier encryption, decryption, packing, additions, scalar products and multi-exponentiation, against raw libgmp.");
        command.Options.Add(keyBits);
        command.Options.Add(json);
        command.Options.Add(seconds);
        command.Options.Add(gmpLimit);
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            var bits = parse.GetValue(keyBits);
            if (bits < 512 || bits % 2 != 0)
            {
                throw new ArgumentException($"--key-bits must be an even number of at least 512 (got {bits})");
            }
            var secondsPerFigure = parse.GetValue(seconds);
            if (secondsPerFigure is <= 0 or > 600)
            {
                throw new ArgumentException($"--seconds must be between 0 and 600 (got {secondsPerFigure})");
            }
            ArithmeticBackends.SlowBackendWarning += message => Console.Error.WriteLine($"warning: {message}");
            var started = DateTime.UtcNow;
            var options = new PaillierBenchmarkOptions
            {
                KeyBits = bits,
                SecondsPerFigure = secondsPerFigure,
                GmpLimitSource = parse.GetValue(gmpLimit),
                Progress = new Progress(started),
            };
            var result = await PaillierBenchmark.RunAsync(options, ct).ConfigureAwait(false);
            Print(result);
            if (parse.GetValue(json))
            {
                JsonLine.Write(result);
            }
            return 0;
        });
        return command;
    }

    private static void Print(PaillierBenchmarkResult result)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]Paillier, {result.KeyBits}-bit key[/] on {Markup.Escape(result.Backend)}, {result.Cores} cores; " +
                           $"key generated in {result.KeyGenerationSeconds:F1} s");
        var figures = new Table().AddColumns("figure", "1 core", $"{result.Cores} cores", "unit");
        foreach (var f in result.Figures)
        {
            figures.AddRow(Markup.Escape(f.Name), Number(f.PerCore), Number(f.AllCores), f.Unit);
        }
        console.Write(figures);
        console.MarkupLine($"packing: {Markup.Escape(result.PackingScheme)}");
        if (result.GmpLimit.Line is { } line)
        {
            console.MarkupLine($"gmp_limit (same run): {Markup.Escape(line)}");
        }
        else
        {
            console.MarkupLine($"[yellow]gmp_limit unavailable, so no ratios: {Markup.Escape(result.GmpLimit.Unavailable ?? "unknown reason")}[/]");
        }
        var ratios = new Table().AddColumns("ratio (1 core, same run)", "value", "target at 2048 bits", "met");
        foreach (var r in result.Ratios)
        {
            ratios.AddRow(
                Markup.Escape(r.Description),
                r.Value is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) + "×" : "–",
                r.Target is { } t ? "≥ " + t.ToString("0.##", CultureInfo.InvariantCulture) + "×" : "(informative)",
                r.Met switch { true => "[green]yes[/]", false => "[red]no[/]", null => "–" });
        }
        console.Write(ratios);
    }

    private static string Number(double value) => value.ToString(value >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture);

    /// <summary>Progress lines on stderr, so that stdout stays the table or the JSON.</summary>
    private sealed class Progress(DateTime started) : IProgress<string>
    {
        public void Report(string value) =>
            Console.Error.WriteLine($"[{(DateTime.UtcNow - started).TotalSeconds,5:F0} s] {value}");
    }
}
