using System.Globalization;
using Concord.Data;

namespace Concord.Cli.Commands.Data;

/// <summary>
/// What <c>concord data upload</c> stored, and how much of the file it took to do so: rows read and bytes
/// consumed out of the file's size, so that a user (or a script, through --json) can see the whole file went in.
/// </summary>
internal sealed record UploadSummary(
    string Table, string Party, int Rows, int Features, string? Label, string? Weight, int Partitions,
    long FileBytes, long BytesConsumed, long TextBytes, bool Gzip, double ReadMs, double SaveMs)
{
    public static UploadSummary Of(TableInfo info, string partyId, long fileBytes, SourceBytes consumed, TimeSpan read, TimeSpan save) =>
        new(info.Name.ToString(), partyId, info.RowCount, info.FeatureCount, info.Schema.LabelName, info.Schema.WeightName,
            info.Partitions.Count, fileBytes, consumed.FileBytes, consumed.TextBytes, consumed.Gzip,
            Math.Round(read.TotalMilliseconds, 1), Math.Round(save.TotalMilliseconds, 1));

    public string Describe()
    {
        var label = Label is { } l ? $"label \"{l}\"" : "no label";
        var weight = Weight is { } w ? $"weight \"{w}\"" : "no weight";
        var text = Gzip ? $" ({Size(TextBytes)} of text once decompressed)" : "";
        var rate = Rows / Math.Max(ReadMs / 1000, 1e-6);
        return string.Create(CultureInfo.InvariantCulture,
            $"stored {Table} for party {Party}: {Rows:N0} rows, {Features} features, {label}, {weight}, {Partitions} partition(s); "
            + $"read {Rows:N0} rows from {BytesConsumed:N0} of the file's {FileBytes:N0} bytes{text} in {ReadMs:N0} ms ({rate:N0} rows/s), "
            + $"saved in {SaveMs:N0} ms");
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1 << 10 => $"{bytes} B",
        < 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB"),
    };
}
