using System.Globalization;
using System.Text;
using Concord.Data;
using Concord.Local;

namespace Concord.Bench.Synthetic;

/// <summary>
/// Writes one party's share of synthetic data as CSV (guest columns g0.., host columns h0..) and stores it in that
/// party's home, as <c>concord data upload</c> would: the benches time the job, not how its table got there.
/// </summary>
public static class SyntheticUpload
{
    public static void Upload(
        LocalFederation federation, int party, TableName table, string file, string[] ids, double[][] columns, double[]? labels, Action<string> progress)
    {
        var prefix = labels is null ? "h" : "g";
        using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
        {
            writer.WriteLine(string.Join(',', ["id", .. labels is null ? Array.Empty<string>() : ["y"], .. columns.Select((_, j) => $"{prefix}{j}")]));
            var line = new StringBuilder();
            for (var i = 0; i < ids.Length; i++)
            {
                line.Clear().Append(ids[i]);
                if (labels is not null)
                {
                    line.Append(',').Append(labels[i].ToString(CultureInfo.InvariantCulture));
                }
                foreach (var column in columns)
                {
                    line.Append(',').Append(column[i].ToString("R", CultureInfo.InvariantCulture));
                }
                writer.WriteLine(line);
            }
        }
        var stored = federation.Upload(party, file, table, new CsvReadOptions { LabelRequired = false });
        progress($"party {party} uploaded {stored.RowCount:N0} rows with {stored.FeatureCount} features");
    }
}
