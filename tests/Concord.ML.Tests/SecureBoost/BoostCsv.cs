using System.Globalization;
using Concord.ML.LocalBaseline;
using Concord.ML.SecureBoost;

namespace Concord.ML.Tests.SecureBoost;

/// <summary>One party's side of a FATE hetero CSV for SecureBoost: ids, the label if it has one, and the raw features (empty cells missing).</summary>
internal sealed record BoostSide(string[] Ids, double[]? Labels, NumericColumns Features)
{
    public static BoostSide Read(string fileName, string? labelColumn = null)
    {
        var lines = ReadLines(fileName);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var label = labelColumn is null ? -1 : Array.IndexOf(header, labelColumn);
        var features = Enumerable.Range(1, header.Length - 1).Where(c => c != label).ToArray();
        static double Parse(string s) => s.Length == 0 ? double.NaN : double.Parse(s, CultureInfo.InvariantCulture);
        return new BoostSide(
            [.. rows.Select(r => r[0])],
            label < 0 ? null : [.. rows.Select(r => Parse(r[label]))],
            new NumericColumns([.. features.Select(c => header[c])], [.. features.Select(c => rows.Select(r => Parse(r[c])).ToArray())]));
    }

    private static string[] ReadLines(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", fileName);
        if (!fileName.EndsWith(".gz", StringComparison.Ordinal))
        {
            return [.. File.ReadAllLines(path).Where(l => l.Length > 0)];
        }
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return [.. reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];
    }

    /// <summary>Rows [from, to) only.</summary>
    public BoostSide Rows(int from, int to) => new(
        Ids[from..to], Labels?[from..to],
        new NumericColumns(Features.Names, [.. Enumerable.Range(0, Features.ColumnCount).Select(j => Features[j][from..to].ToArray())]));

    /// <summary>Columns [from, to) only.</summary>
    public BoostSide Columns(int from, int to) => this with
    {
        Features = new NumericColumns(Features.Names.Skip(from).Take(to - from).ToList(), [.. Enumerable.Range(from, to - from).Select(j => Features[j].ToArray())]),
    };

    public GuestBoostData Guest(BoostSide? validate = null) =>
        new(Ids, Features, Labels!, "y", validate?.Ids, validate?.Features, validate?.Labels);

    public HostBoostData Host(BoostSide? validate = null) => new(Ids, Features, validate?.Ids, validate?.Features);

    public LocalBoostParty Local(int partyId, BoostSide? validate = null) => new(partyId, Features, validate?.Features);
}
