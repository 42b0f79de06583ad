using System.Globalization;
using Concord.ML.Linear;

namespace Concord.ML.Tests.HeteroLinear;

/// <summary>One party's side of a FATE hetero CSV: ids, the label column if it has one, the prepared features, and the columns as read.</summary>
internal sealed record HeteroSide(string[] Ids, double[]? Labels, PreparedFeatures Features, NumericColumns Raw)
{
    public static HeteroSide Read(string fileName, string? labelColumn = null, bool standardize = false)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", fileName)).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var label = labelColumn is null ? -1 : Array.IndexOf(header, labelColumn);
        var features = Enumerable.Range(1, header.Length - 1).Where(c => c != label).ToArray();
        double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        var columns = new NumericColumns([.. features.Select(c => header[c])], [.. features.Select(c => rows.Select(r => Parse(r[c])).ToArray())]);
        return new HeteroSide(
            [.. rows.Select(r => r[0])],
            label < 0 ? null : [.. rows.Select(r => Parse(r[label]))],
            PreparedFeatures.Fit(columns, standardize, keepConstant: false, _ => { }),
            columns);
    }

    /// <summary>The guest's columns followed by each host's: the joined table the LocalBaseline trains on.</summary>
    public static double[][] Joined(HeteroSide guest, params HeteroSide[] hosts) => [.. guest.Features.Columns, .. hosts.SelectMany(h => h.Features.Columns)];
}
