using System.CommandLine;
using System.Diagnostics;
using Concord.Data;
using Spectre.Console;

namespace Concord.Cli.Commands.Data;

/// <summary><c>concord data upload</c>: read a FATE-format file and store it as one of this party's tables.</summary>
internal static class DataUploadCommand
{
    /// <summary>Smaller files read in a blink; a bar would only flicker.</summary>
    private const long ProgressBarFromBytes = 1 << 20;

    public static Command Build()
    {
        var file = new Option<string>("--file", "-f") { Description = "The file to store: dense CSV or tag:value, plain or gzip", Required = true };
        var name = new Option<string>("--name", "-n") { Description = "The table's name", Required = true };
        var ns = new Option<string>("--namespace") { Description = "The table's namespace", Required = true };
        var label = new Option<string?>("--label")
        {
            Description = "The label column, which must then be there (default: \"y\" when the file has it, else no label)",
        };
        var weight = new Option<string?>("--weight") { Description = "The sample-weight column (default: none)" };
        var delimiter = new Option<string>("--delimiter", "-d")
        {
            Description = "The field delimiter: one character, or '\\t' / tab / space",
            DefaultValueFactory = _ => ",",
        };
        var format = new Option<string>("--format")
        {
            Description = "dense (id, label, feature columns) or tag-value (id, label, tag:value pairs)",
            DefaultValueFactory = _ => "dense",
        };
        format.AcceptOnlyFromAmong("dense", "tag-value");
        var partitionRows = new Option<int>("--partition-rows")
        {
            Description = "Rows per stored partition",
            DefaultValueFactory = _ => SaveOptions.DefaultRowsPerPartition,
        };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace a table of the same name" };
        var unterminated = new Option<bool>("--allow-unterminated-last-line")
        {
            Description = "Accept a last line without a line break (refused by default: it is how a file cut short mid-row looks)",
        };
        var json = new Option<bool>("--json") { Description = "End with one JSON object of the summary on the last line" };
        var party = new PartyOptions();

        var command = new Command("upload", "Store a file as one of this party's tables.");
        foreach (var option in new Option[] { file, name, ns, label, weight, delimiter, format, partitionRows, overwrite, unterminated, json })
        {
            command.Options.Add(option);
        }
        party.AddTo(command);

        UserFacing.SetAction(command, async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var table = new TableName(parse.GetValue(ns)!, parse.GetValue(name)!);
            var replace = parse.GetValue(overwrite);
            var labelColumn = parse.GetValue(label);
            var readOptions = new CsvReadOptions
            {
                LabelColumn = labelColumn ?? "y",
                LabelRequired = labelColumn is not null,
                WeightColumn = parse.GetValue(weight),
                Delimiter = ParseDelimiter(parse.GetValue(delimiter)!),
                AllowUnterminatedLastLine = parse.GetValue(unterminated),
            };
            var saveOptions = new SaveOptions { Overwrite = replace, RowsPerPartition = parse.GetValue(partitionRows), SourceFile = Path.GetFullPath(path) };
            // Checked before the party's home is created, so that a mistyped path leaves nothing behind.
            var source = new FileInfo(path);
            var bytes = source.Exists ? source.Length : throw new FileNotFoundException($"no such file: {path}");
            var (partyId, store) = party.OpenStore(parse, create: true);
            // Refuse before reading what may be a large file, not after.
            if (!replace && store.Exists(table))
            {
                throw new TableExistsException(table, store.HomeDirectory);
            }
            Func<IProgress<long>?, (PartyTable, SourceBytes)> read = parse.GetValue(format) == "tag-value"
                ? p => TagValueTableReader.ReadWithSummary(path, readOptions, p, ct)
                : p => CsvTableReader.ReadWithSummary(path, readOptions, p, ct);

            var readTime = new Stopwatch();
            var saveTime = new Stopwatch();
            SourceBytes? consumed = null;
            TableInfo Run(IProgress<long>? bytesRead, Func<int, IProgress<long>>? savingRows)
            {
                readTime.Start();
                (var data, consumed) = read(bytesRead);
                readTime.Stop();
                saveTime.Start();
                var info = store.Save(table, data, savingRows?.Invoke(data.RowCount), saveOptions, ct);
                saveTime.Stop();
                return info;
            }

            var stored = bytes >= ProgressBarFromBytes && !Console.IsErrorRedirected
                ? WithProgressBars(path, bytes, Run)
                : Run(null, null);
            var summary = UploadSummary.Of(stored, partyId, bytes, consumed!, readTime.Elapsed, saveTime.Elapsed);
            Console.WriteLine(summary.Describe());
            if (parse.GetValue(json))
            {
                JsonLine.Write(summary);
            }
            await party.AuditAsync(parse, partyId, ct);
            return 0;
        });
        return command;
    }

    internal static char ParseDelimiter(string text) => text switch
    {
        "\\t" or "\t" or "tab" => '\t',
        "space" => ' ',
        { Length: 1 } => text[0],
        _ => throw new ArgumentException($"the delimiter must be one character (or '\\t', tab, space), not \"{text}\""),
    };

    /// <summary>Bars on stderr, so that stdout carries only the summary line even in a terminal.</summary>
    private static TableInfo WithProgressBars(string path, long bytes, Func<IProgress<long>, Func<int, IProgress<long>>, TableInfo> run)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var reading = ctx.AddTask($"reading {Markup.Escape(Path.GetFileName(path))}", maxValue: bytes);
                var saving = ctx.AddTask("storing", autoStart: false);
                return run(
                    new SettingProgress(value => reading.Value = value),
                    rowCount =>
                    {
                        reading.Value = bytes;
                        saving.MaxValue = Math.Max(rowCount, 1);
                        saving.StartTask();
                        return new SettingProgress(rows => saving.Value = rows);
                    });
            });
    }

    /// <summary>Applies each report at once; System.Progress would post it to the thread pool, out of order.</summary>
    private sealed class SettingProgress(Action<double> set) : IProgress<long>
    {
        public void Report(long value) => set(value);
    }
}
