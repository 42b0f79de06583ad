using System.CommandLine;
using System.Globalization;
using Concord.Bench.SecureBoost;
using Concord.Local;
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
        var rows = new Option<int>("--rows") { Description = "Rows at each party", DefaultValueFactory = _ => 30_000 };
        var guestFeatures = new Option<int>("--guest-features") { Description = "Features at the guest", DefaultValueFactory = _ => 13 };
        var hostFeatures = new Option<int>("--host-features") { Description = "Features at the host", DefaultValueFactory = _ => 10 };
        var trees = new Option<int>("--trees") { Description = "Boosting rounds", DefaultValueFactory = _ => 30 };
        var depth = new Option<int>("--depth") { Description = "Tree depth", DefaultValueFactory = _ => 3 };
        var keyBits = new Option<int>("--key-bits") { Description = "Paillier key size", DefaultValueFactory = _ => 1024 };
        var maxBin = new Option<int>("--max-bin") { Description = "Quantile bins per feature", DefaultValueFactory = _ => 32 };
        var noPacking = new Option<bool>("--no-packing") { Description = "Send each split candidate's sums in its own ciphertext" };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line" };
        var command = new Command("secureboost", "Hetero SecureBoost of a guest and a host over the real transport, with a time breakdown and the plaintext LocalBaseline as the reference.");
        foreach (var option in new Option[] { rows, guestFeatures, hostFeatures, trees, depth, keyBits, maxBin, noPacking, json })
        {
            command.Options.Add(option);
        }
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            Require(parse.GetValue(rows) >= 10, "--rows", "at least 10", parse.GetValue(rows));
            Require(parse.GetValue(guestFeatures) >= 1, "--guest-features", "at least 1", parse.GetValue(guestFeatures));
            Require(parse.GetValue(hostFeatures) >= 1, "--host-features", "at least 1", parse.GetValue(hostFeatures));
            Require(parse.GetValue(trees) is >= 1 and <= 1000, "--trees", "between 1 and 1000", parse.GetValue(trees));
            Require(parse.GetValue(depth) is >= 1 and <= 16, "--depth", "between 1 and 16", parse.GetValue(depth));
            Require(parse.GetValue(keyBits) is >= 1024 and <= 4096, "--key-bits", "between 1024 and 4096", parse.GetValue(keyBits));
            var progress = new StepProgress();
            var result = await SecureBoostBenchmark.RunAsync(new SecureBoostBenchmarkOptions(
                parse.GetValue(rows), parse.GetValue(guestFeatures), parse.GetValue(hostFeatures), parse.GetValue(trees), parse.GetValue(depth),
                parse.GetValue(keyBits), parse.GetValue(maxBin), !parse.GetValue(noPacking), progress.Step), ct);
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

    private static void Print(SecureBoostBenchmarkResult r)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]Hetero SecureBoost[/], {r.Rows:N0} rows, {r.GuestFeatures} guest + {r.HostFeatures} host features, {r.Trees} trees of depth {r.Depth}, {r.KeyBits}-bit key; {r.Cores} cores");
        console.MarkupLine($"total {r.TotalSeconds:F1} s; plaintext LocalBaseline in the same run {r.BaselineSeconds:F2} s (ratio {r.Ratio:F0}×); target ≤ {r.TargetSeconds:F0} s on 2 cores: "
            + (r.Met switch { true => "[green]met[/]", false => "[red]not met[/]", null => "(not a 2-core machine)" }));
        console.MarkupLine($"CPU time of the two node processes {r.CpuSeconds:F1} s: about {r.IdleMachineSeconds:F1} s on {r.Cores} otherwise idle cores (load average now {LoadAverage()})");
        console.MarkupLine($"AUC federated {r.FederatedAuc:F6}, LocalBaseline {r.BaselineAuc:F6}");
        var breakdown = new Table().AddColumns("where the time goes", "seconds");
        breakdown.AddRow("encrypt (guest)", F(r.EncryptSeconds));
        breakdown.AddRow("histogram (host)", F(r.HistogramSeconds));
        breakdown.AddRow("decrypt (guest)", F(r.DecryptSeconds));
        breakdown.AddRow("transport (guest's wait beyond the host's work)", F(r.TransportSeconds));
        console.Write(breakdown);
        var phases = r.Parties.SelectMany(p => p.Seconds.Keys).Distinct().ToList();
        var parties = new Table().AddColumns(["party", .. phases]);
        foreach (var p in r.Parties)
        {
            parties.AddRow([$"{p.Party} ({p.Role})", .. phases.Select(phase => F(p.Seconds.GetValueOrDefault(phase)))]);
        }
        console.Write(parties);
        var operations = r.Parties.SelectMany(p => p.Operations.Where(o => o.Value > 0).Select(o => $"{o.Key} {o.Value:N0} ({p.Role})"));
        console.MarkupLine($"Paillier operations: {string.Join(", ", operations)}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string F(double seconds) => seconds.ToString("F2", CultureInfo.InvariantCulture);
}
