using System.CommandLine;
using System.Globalization;
using Concord.Local;
using Spectre.Console;

namespace Concord.Cli.Commands.Bench;

/// <summary>
/// What the benchmarks of a guest and a host over node processes (secureboost, binning) share: the data shape and key
/// options with their checks, the run with its progress and --json line, and the lines and tables of their reports.
/// </summary>
internal sealed class TwoPartyBench
{
    /// <param name="columns">What the benchmark calls a party's columns in option descriptions ("Features", "Columns").</param>
    public TwoPartyBench(int rows, string columns, int guestFeatures, int hostFeatures)
    {
        Rows = new Option<int>("--rows") { Description = "Rows at each party", DefaultValueFactory = _ => rows };
        GuestFeatures = new Option<int>("--guest-features") { Description = $"{columns} at the guest", DefaultValueFactory = _ => guestFeatures };
        HostFeatures = new Option<int>("--host-features") { Description = $"{columns} at the host", DefaultValueFactory = _ => hostFeatures };
    }

    public Option<int> Rows { get; }

    public Option<int> GuestFeatures { get; }

    public Option<int> HostFeatures { get; }

    public Option<int> KeyBits { get; } = new("--key-bits") { Description = "Paillier key size", DefaultValueFactory = _ => 1024 };

    public Option<bool> Json { get; } = new("--json") { Description = "End with one JSON object on the last line" };

    /// <summary>
    /// The command with <paramref name="options"/> in their help order. Its action checks the shape, then
    /// <paramref name="check"/>'s own options, then the key size, runs the benchmark, prints it, and ends with its JSON if asked.
    /// </summary>
    public Command Command<TResult>(string name, string description, Option[] options, Action<ParseResult> check,
        Func<ParseResult, Action<string>, CancellationToken, Task<TResult>> run, Action<TResult> print)
        where TResult : notnull
    {
        var command = new Command(name, description);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
        UserFacing.SetAction(command, async (parse, ct) =>
        {
            Require(parse.GetValue(Rows) >= 10, "--rows", "at least 10", parse.GetValue(Rows));
            Require(parse.GetValue(GuestFeatures) >= 1, "--guest-features", "at least 1", parse.GetValue(GuestFeatures));
            Require(parse.GetValue(HostFeatures) >= 1, "--host-features", "at least 1", parse.GetValue(HostFeatures));
            check(parse);
            Require(parse.GetValue(KeyBits) is >= 1024 and <= 4096, "--key-bits", "between 1024 and 4096", parse.GetValue(KeyBits));
            var progress = new StepProgress();
            var result = await run(parse, progress.Step, ct);
            print(result);
            if (parse.GetValue(Json))
            {
                JsonLine.Write(result);
            }
            return 0;
        });
        return command;
    }

    public static void Require(bool ok, string option, string what, int value)
    {
        if (!ok)
        {
            throw new ArgumentException($"{option} must be {what} (got {value})");
        }
    }

    /// <summary>The total time beside the plaintext reference of the same run, and whether the 2-core target was met.</summary>
    public static void PrintTarget(double totalSeconds, string baseline, double baselineSeconds, double ratio, double targetSeconds, bool? met) =>
        AnsiConsole.Console.MarkupLine($"total {totalSeconds:F1} s; {baseline} in the same run {baselineSeconds:F2} s (ratio {ratio:F0}×); target ≤ {targetSeconds:F0} s on 2 cores: "
            + (met switch { true => "[green]met[/]", false => "[red]not met[/]", null => "(not a 2-core machine)" }));

    /// <summary>Where the time goes, one row per step, then each party's seconds per phase as its component measured them.</summary>
    public static void PrintTimes(IEnumerable<(string Step, double Seconds)> steps, IEnumerable<(int Party, string Role, IReadOnlyDictionary<string, double> Seconds)> parties)
    {
        var console = AnsiConsole.Console;
        var breakdown = new Table().AddColumns("where the time goes", "seconds");
        foreach (var (step, seconds) in steps)
        {
            breakdown.AddRow(step, F(seconds));
        }
        console.Write(breakdown);
        var phases = parties.SelectMany(p => p.Seconds.Keys).Distinct().ToList();
        var table = new Table().AddColumns(["party", .. phases]);
        foreach (var (party, role, seconds) in parties)
        {
            table.AddRow([$"{party} ({role})", .. phases.Select(phase => F(seconds.GetValueOrDefault(phase)))]);
        }
        console.Write(table);
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string F(double seconds) => seconds.ToString("F2", CultureInfo.InvariantCulture);
}
