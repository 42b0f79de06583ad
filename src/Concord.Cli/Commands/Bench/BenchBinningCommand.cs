using System.CommandLine;
using Concord.Bench.FeatureBinning;
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
        var bench = new TwoPartyBench(rows: 100_000, "Columns", guestFeatures: 30, hostFeatures: 300);
        var bins = new Option<int>("--bins") { Description = "Quantile bins per column", DefaultValueFactory = _ => 10 };
        return bench.Command(
            "binning",
            "Hetero feature binning (WOE/IV of every column) of a guest and a host over the real transport, with a time breakdown and plaintext binning as the reference.",
            [bench.Rows, bench.GuestFeatures, bench.HostFeatures, bins, bench.KeyBits, bench.Json],
            parse => TwoPartyBench.Require(parse.GetValue(bins) is >= 2 and <= 250, "--bins", "between 2 and 250", parse.GetValue(bins)),
            (parse, progress, ct) => BinningBenchmark.RunAsync(new BinningBenchmarkOptions(
                parse.GetValue(bench.Rows), parse.GetValue(bench.GuestFeatures), parse.GetValue(bench.HostFeatures), parse.GetValue(bins), parse.GetValue(bench.KeyBits), progress), ct),
            Print);
    }

    private static void Print(BinningBenchmarkResult r)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]Hetero feature binning[/], {r.Rows:N0} rows, {r.GuestFeatures} guest + {r.HostFeatures} host columns, {r.Bins} bins, {r.KeyBits}-bit key; {r.Cores} cores");
        TwoPartyBench.PrintTarget(r.TotalSeconds, "plaintext binning of the joined data", r.BaselineSeconds, r.Ratio, r.TargetSeconds, r.Met);
        console.MarkupLine($"CPU time of the two node processes {r.CpuSeconds:F1} s (load average now {TwoPartyBench.LoadAverage()}); largest IV difference from plaintext {r.MaxIvDifference:E1}");
        TwoPartyBench.PrintTimes(
            [
                ("key generation (guest)", r.KeyGenerationSeconds),
                ("encrypt labels (guest)", r.EncryptSeconds),
                ("encrypted sums per bin (host)", r.HostSumSeconds),
                ("decrypt (guest)", r.DecryptSeconds),
                ("cut points (both)", r.CutPointSeconds),
                ("transport (guest's wait beyond the host's work)", r.TransportSeconds),
            ],
            r.Parties.Select(p => (p.Party, p.Role, p.Seconds)));
    }
}
