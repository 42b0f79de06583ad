using System.CommandLine;
using System.Globalization;
using Concord.Bench.Psi;
using Spectre.Console;

namespace Concord.Cli.Commands.Bench;

/// <summary>
/// <c>concord bench psi --ids N --overlap F [--method ecdh|rsa] [--key-bits B] [--json]</c>: two-party PSI over node
/// processes, next to the raw speed of its primitives; RSA runs after ECDH on the same ids, so the two compare.
/// </summary>
internal static class BenchPsiCommand
{
    public static Command Build()
    {
        var ids = new Option<int>("--ids") { Description = "Ids at each party", DefaultValueFactory = _ => 1_000_000 };
        var overlap = new Option<double>("--overlap") { Description = "Fraction of each party's ids the other also holds", DefaultValueFactory = _ => 0.5 };
        var method = new Option<string>("--method") { Description = "ecdh, or rsa (RSA blind signatures, measured against an ECDH run on the same ids)", DefaultValueFactory = _ => "ecdh" };
        method.AcceptOnlyFromAmong("ecdh", "rsa");
        var keyBits = new Option<int>("--key-bits") { Description = "RSA key size for --method rsa, at least 1024", DefaultValueFactory = _ => 2048 };
        var seconds = new Option<double>("--reference-seconds") { Description = "Seconds per reference figure", DefaultValueFactory = _ => 1.0 };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line" };
        var command = new Command("psi", "PSI of two parties' ids over the real transport, with a time breakdown and the raw speed of its primitives (libsodium, libgmp) as the reference.");
        command.Options.Add(ids);
        command.Options.Add(overlap);
        command.Options.Add(method);
        command.Options.Add(keyBits);
        command.Options.Add(seconds);
        command.Options.Add(json);
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            var count = parse.GetValue(ids);
            var fraction = parse.GetValue(overlap);
            var bits = parse.GetValue(keyBits);
            if (count < 1)
            {
                throw new ArgumentException($"--ids must be at least 1 (got {count})");
            }
            if (fraction is <= 0 or > 1)
            {
                throw new ArgumentException($"--overlap must be in (0, 1] so that the intersection is not empty (got {fraction})");
            }
            if (bits is < 1024 or > 4096)
            {
                throw new ArgumentException($"--key-bits must be in [1024, 4096] (got {bits})");
            }
            var result = await PsiBenchmark.RunAsync(new PsiBenchmarkOptions(count, fraction, parse.GetValue(seconds), BenchProgress.Create(), parse.GetValue(method)!, bits), ct);
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
        console.MarkupLine($"[bold]PSI[/], {result.Ids:N0} ids per party, overlap {result.Overlap:P0} → {result.Intersection:N0} shared; {result.Cores} cores");
        var ecdh = result.Ecdh;
        console.MarkupLine($"ECDH (ristretto255): {ecdh.TotalSeconds:F1} s, {ecdh.IdsPerSecond:N0} ids/s per party; libsodium floor {ecdh.FloorSeconds:F1} s"
            + $" (ratio {ecdh.TotalSeconds / ecdh.FloorSeconds:F2}×); target ≤ {result.TargetSeconds:F0} s on 2 cores: "
            + (result.Met switch { true => "[green]met[/]", false => "[red]not met[/]", null => "(not a 2-core machine)" }));
        if (result.Rsa is { } rsa)
        {
            console.MarkupLine($"RSA-{result.RsaKeyBits} blind signatures: {rsa.TotalSeconds:F1} s, {rsa.IdsPerSecond:N0} ids/s per party; libgmp floor {rsa.FloorSeconds:F1} s"
                + $" (ratio {rsa.TotalSeconds / rsa.FloorSeconds:F2}×); [bold]{result.RsaSlowdown:F1}× ECDH's time[/] on the same ids");
        }
        var breakdown = new Table().AddColumns("method", "party", "hashing (s)", "exponentiation (s)", "key generation (s)", "transport + waiting (s)", "matching (s)");
        foreach (var run in new[] { ecdh, result.Rsa }.OfType<PsiMethodRun>())
        {
            foreach (var p in run.Parties)
            {
                breakdown.AddRow(run.Method, $"{p.Party} ({p.Role})", F(p.Hashing), F(p.Exponentiation), F(p.KeyGeneration), F(p.Exchange), F(p.Matching));
            }
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
