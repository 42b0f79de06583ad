using System.CommandLine;
using System.Globalization;
using Concord.Bench.HeteroLr;
using Concord.Crypto.Profiling;
using Spectre.Console;

namespace Concord.Cli.Commands.Bench;

/// <summary>
/// <c>concord bench hetero-lr --rows N --guest-features G --host-features H --key-bits K --epochs E [--json]</c>:
/// HeteroLR over guest, host and arbiter node processes, next to the plaintext LocalBaseline in the same run.
/// </summary>
internal static class BenchHeteroLrCommand
{
    public static Command Build()
    {
        var rows = new Option<int>("--rows") { Description = "Rows (shared by both parties)", DefaultValueFactory = _ => 100_000 };
        var guestFeatures = new Option<int>("--guest-features") { Description = "Features at the guest", DefaultValueFactory = _ => 30 };
        var hostFeatures = new Option<int>("--host-features") { Description = "Features at the host", DefaultValueFactory = _ => 300 };
        var keyBits = new Option<int>("--key-bits") { Description = "Paillier key size", DefaultValueFactory = _ => 1024 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train", DefaultValueFactory = _ => 1 };
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per batch; -1 for the whole table", DefaultValueFactory = _ => -1 };
        var noLoss = new Option<bool>("--no-loss") { Description = "Skip the encrypted loss (early stop on weights instead)" };
        var json = new Option<bool>("--json") { Description = "End with one JSON object on the last line" };
        var auditCompare = new Option<int>("--audit-compare")
        {
            Description = "Train R times with the nodes' audit trail on and R times off, alternating, and print the time ratio on/off",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("hetero-lr", "HeteroLR of FATE 2.0's benchmark shape over guest, host and arbiter processes, with a time breakdown per role.");
        foreach (var option in new Option[] { rows, guestFeatures, hostFeatures, keyBits, epochs, batchSize, noLoss, auditCompare, json })
        {
            command.Options.Add(option);
        }
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            var options = new HeteroLrBenchmarkOptions(
                BenchArguments.Positive(parse.GetValue(rows), "--rows"), BenchArguments.Positive(parse.GetValue(guestFeatures), "--guest-features"),
                BenchArguments.Positive(parse.GetValue(hostFeatures), "--host-features"), parse.GetValue(keyBits), BenchArguments.Positive(parse.GetValue(epochs), "--epochs"),
                parse.GetValue(batchSize), !parse.GetValue(noLoss), BenchProgress.Create())
            {
                AuditRounds = parse.GetValue(auditCompare) >= 0 ? parse.GetValue(auditCompare)
                    : throw new ArgumentException($"--audit-compare must be 0 or more rounds (got {parse.GetValue(auditCompare)})"),
            };
            if (options.KeyBits is < 1024 or > 4096)
            {
                throw new ArgumentException($"--key-bits must be between 1024 and 4096 (got {options.KeyBits})");
            }
            var result = await HeteroLrBenchmark.RunAsync(options, ct);
            Print(result);
            if (parse.GetValue(json))
            {
                JsonLine.Write(result);
            }
            return 0;
        });
        return command;
    }

    private static void Print(HeteroLrBenchmarkResult r)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]HeteroLR[/], {r.Rows:N0} rows × ({r.GuestFeatures} guest + {r.HostFeatures} host) features, {r.KeyBits}-bit Paillier,"
            + $" {r.Epochs} epoch(s), batch {(r.BatchSize < 0 ? "all rows" : r.BatchSize.ToString(CultureInfo.InvariantCulture))}; {r.Cores} cores");
        console.MarkupLine($"training {r.TrainingSeconds:F1} s ({r.SecondsPerEpoch:F1} s per epoch); plaintext LocalBaseline {r.PlaintextSeconds:F2} s;"
            + $" federated / plaintext = {r.Ratio:F0}×");
        console.MarkupLine($"target ≤ {r.TargetSeconds:G3} s per epoch (goal {r.GoalSeconds:G3} s) on 2 cores: "
            + (r.Met switch { true => "[green]met[/]", false => "[red]not met[/]", null => "(not a 2-core machine)" }));
        var phases = r.Roles.SelectMany(role => role.Seconds.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var table = new Table().AddColumns(["phase (s)", .. r.Roles.Select(role => $"{role.Role} {role.Party}")]);
        foreach (var phase in phases)
        {
            table.AddRow([phase, .. r.Roles.Select(role => role.Seconds.TryGetValue(phase, out var s) ? s.ToString("F2", CultureInfo.InvariantCulture) : "")]);
        }
        console.Write(table);
        console.MarkupLine($"[grey]{Phase.Transport.Name()} includes waiting for the other roles' computation.[/]");
        if (r.Audit is AuditComparison audit)
        {
            static string Seconds(IEnumerable<double> runs) => string.Join(", ", runs.Select(s => s.ToString("F1", CultureInfo.InvariantCulture)));
            console.MarkupLine($"audit trail on: {Seconds(audit.OnSeconds)} s; off: {Seconds(audit.OffSeconds)} s; on / off = {audit.Ratio:F3} (target ≤ 1.05)");
        }
    }
}
