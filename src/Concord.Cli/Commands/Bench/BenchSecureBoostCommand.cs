using System.CommandLine;
using Concord.Bench.SecureBoost;
using Spectre.Console;

namespace Concord.Cli.Commands.Bench;

/// <summary>
/// <c>concord bench secureboost --rows N --guest-features G --host-features H --trees T --depth D --key-bits B [--json]</c>:
/// Hetero SecureBoost over node processes, next to the plaintext LocalBaseline trained in the same run.
/// </summary>
internal static class BenchSecureBoostCommand
{
    public static Command Build()
    {
        var bench = new TwoPartyBench(rows: 30_000, "Features", guestFeatures: 13, hostFeatures: 10);
        var trees = new Option<int>("--trees") { Description = "Boosting rounds", DefaultValueFactory = _ => 30 };
        var depth = new Option<int>("--depth") { Description = "Tree depth", DefaultValueFactory = _ => 3 };
        var maxBin = new Option<int>("--max-bin") { Description = "Quantile bins per feature", DefaultValueFactory = _ => 32 };
        var noPacking = new Option<bool>("--no-packing") { Description = "Send each split candidate's sums in its own ciphertext" };
        return bench.Command(
            "secureboost",
            "Hetero SecureBoost of a guest and a host over the real transport, with a time breakdown and the plaintext LocalBaseline as the reference.",
            [bench.Rows, bench.GuestFeatures, bench.HostFeatures, trees, depth, bench.KeyBits, maxBin, noPacking, bench.Json],
            parse =>
            {
                TwoPartyBench.Require(parse.GetValue(trees) is >= 1 and <= 1000, "--trees", "between 1 and 1000", parse.GetValue(trees));
                TwoPartyBench.Require(parse.GetValue(depth) is >= 1 and <= 16, "--depth", "between 1 and 16", parse.GetValue(depth));
            },
            (parse, progress, ct) => SecureBoostBenchmark.RunAsync(new SecureBoostBenchmarkOptions(
                parse.GetValue(bench.Rows), parse.GetValue(bench.GuestFeatures), parse.GetValue(bench.HostFeatures), parse.GetValue(trees), parse.GetValue(depth),
                parse.GetValue(bench.KeyBits), parse.GetValue(maxBin), !parse.GetValue(noPacking), progress), ct),
            Print);
    }

    private static void Print(SecureBoostBenchmarkResult r)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]Hetero SecureBoost[/], {r.Rows:N0} rows, {r.GuestFeatures} guest + {r.HostFeatures} host features, {r.Trees} trees of depth {r.Depth}, {r.KeyBits}-bit key; {r.Cores} cores");
        TwoPartyBench.PrintTarget(r.TotalSeconds, "plaintext LocalBaseline", r.BaselineSeconds, r.Ratio, r.TargetSeconds, r.Met);
        console.MarkupLine($"CPU time of the two node processes {r.CpuSeconds:F1} s: about {r.IdleMachineSeconds:F1} s on {r.Cores} otherwise idle cores (load average now {TwoPartyBench.LoadAverage()})");
        console.MarkupLine($"AUC federated {r.FederatedAuc:F6}, LocalBaseline {r.BaselineAuc:F6}");
        TwoPartyBench.PrintTimes(
            [
                ("encrypt (guest)", r.EncryptSeconds),
                ("histogram (host)", r.HistogramSeconds),
                ("decrypt (guest)", r.DecryptSeconds),
                ("transport (guest's wait beyond the host's work)", r.TransportSeconds),
            ],
            r.Parties.Select(p => (p.Party, p.Role, p.Seconds)));
        var operations = r.Parties.SelectMany(p => p.Operations.Where(o => o.Value > 0).Select(o => $"{o.Key} {o.Value:N0} ({p.Role})"));
        console.MarkupLine($"Paillier operations: {string.Join(", ", operations)}");
    }
}
