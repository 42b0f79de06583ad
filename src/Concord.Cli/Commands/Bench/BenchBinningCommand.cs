using System.CommandLine;
using System.Globalization;
using Concord.Bench.FeatureBinning;
using Concord.Local;
using Spectre.Console;

namespace Concord.Cli.Commands.Bench;

/// <summary>
/// <c>concord bench binning --rows N --guest-features G --host-features H --bins B --key-bits K [--json]</c>:
/// hetero_feature_binning over node processes, next to plaintext binning of the joined data in the same run.
/// </summary>
internal static class BenchBinningCommand
{
    public static Command Build()
    {
        var rows = new Option<int>("--rows") { Description = "Rows at each party", DefaultValueFactory = _ => 100_000 };
        var guestFeatures = new Option<int>("--guest-features") { Description = "Columns at the guest", DefaultValueFactory = _ => 30 };
        var hostFeatures = new Option<int>("--host-features") { Description = "Columns at the host", DefaultValueFactory = _ => 300 };
        var bins = new Option<int>("--bins") { Description = "Quantile bins per column", DefaultValueFactory = _ => 10 };
        var keyBits = new Option<int>("--key-bits") { Description = "Paillier key size", DefaultValueFactory = _ => 1024 };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line" };
        var command = new Command("binning", "Hetero feature binning (WOE/IV of every column) of a guest and a host over the real transport, with a time breakdown and plaintext binning as the reference.");
        foreach (var option in new Option[] { rows, guestFeatures, hostFeatures, bins, keyBits, json })
        {
            command.Options.Add(option);
        }
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            Require(parse.GetValue(rows) >= 10, "--rows", "at least 10", parse.GetValue(rows));
            Require(parse.GetValue(guestFeatures) >= 1, "--guest-features", "at least 1", parse.GetValue(guestFeatures));
            Require(parse.GetValue(hostFeatures) >= 1, "--host-features", "at least 1", parse.GetValue(hostFeatures));
            Require(parse.GetValue(bins) is >= 2 and <= 250, "--bins", "between 2 and 250", parse.GetValue(bins));
            Require(parse.GetValue(keyBits) is >= 1024 and <= 4096, "--key-bits", "between 1024 and 4096", parse.GetValue(keyBits));
            var progress = new StepProgress();
            var result = await BinningBenchmark.RunAsync(new BinningBenchmarkOptions(
                parse.GetValue(rows), parse.GetValue(guestFeatures), parse.GetValue(hostFeatures), parse.GetValue(bins), parse.GetValue(keyBits), progress.Step), ct);
            Print(result);
            if (parse.GetValue(json))
            {
                JsonLine.Write(result);
            }
            return 0;
        });
        return command;
    }

    private static void Require(bool ok, string option, string what, int value)
    {
        if (!ok)
        {
            throw new ArgumentException($"{option} must be {what} (got {value})");
        }
    }

    private static void Print(BinningBenchmarkResult r)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]Hetero feature binning[/], {r.Rows:N0} rows, {r.GuestFeatures} guest + {r.HostFeatures} host columns, {r.Bins} bins, {r.KeyBits}-bit key; {r.Cores} cores");
        console.MarkupLine($"total {r.TotalSeconds:F1} s; plaintext binning of the joined data in the same run {r.BaselineSeconds:F2} s (ratio {r.Ratio:F0}×); target ≤ {r.TargetSeconds:F0} s on 2 cores: "
            + (r.Met switch { true => "[green]met[/]", false => "[red]not met[/]", null => "(not a 2-core machine)" }));
        console.MarkupLine($"CPU time of the two node processes {r.CpuSeconds:F1} s (load average now {LoadAverage()}); largest IV difference from plaintext {r.MaxIvDifference:E1}");
        var breakdown = new Table().AddColumns("where the time goes", "seconds");
        breakdown.AddRow("key generation (guest)", F(r.KeyGenerationSeconds));
        breakdown.AddRow("encrypt labels (guest)", F(r.EncryptSeconds));
        breakdown.AddRow("encrypted sums per bin (host)", F(r.HostSumSeconds));
        breakdown.AddRow("decrypt (guest)", F(r.DecryptSeconds));
        breakdown.AddRow("cut points (both)", F(r.CutPointSeconds));
        breakdown.AddRow("transport (guest's wait beyond the host's work)", F(r.TransportSeconds));
        console.Write(breakdown);
        var phases = r.Parties.SelectMany(p => p.Seconds.Keys).Distinct().ToList();
        var parties = new Table().AddColumns(["party", .. phases]);
        foreach (var p in r.Parties)
        {
            parties.AddRow([$"{p.Party} ({p.Role})", .. phases.Select(phase => F(p.Seconds.GetValueOrDefault(phase)))]);
        }
        console.Write(parties);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string F(double seconds) => seconds.ToString("F2", CultureInfo.InvariantCulture);
}
