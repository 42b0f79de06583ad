using System.Globalization;
using System.IO.Compression;
using Concord.ML.Horizontal;

namespace Concord.ML.Tests.Horizontal;

/// <summary>FATE's horizontal files (id, y, features; .gz opened directly) as the rows a client trains on.</summary>
internal static class HomoCsv
{
    private static readonly Dictionary<string, HorizontalData> Cache = [];

    public static HorizontalData Read(string fileName)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(fileName, out var cached))
            {
                return cached;
            }
            var path = Path.Combine(AppContext.BaseDirectory, "data", fileName);
            using var file = File.OpenRead(path);
            using Stream stream = fileName.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(stream);
            var names = reader.ReadLine()!.Split(',')[2..];
            var rows = new List<double[]>();
            var labels = new List<double>();
            while (reader.ReadLine() is string line)
            {
                if (line.Length == 0)
                {
                    continue;
                }
                var cells = line.Split(',');
                labels.Add(double.Parse(cells[1], CultureInfo.InvariantCulture));
                rows.Add([.. cells[2..].Select(c => double.Parse(c, CultureInfo.InvariantCulture))]);
            }
            return Cache[fileName] = new HorizontalData(names, [.. rows], [.. labels]);
        }
    }

    public static HorizontalData Take(this HorizontalData data, int start, int count) =>
        data with { Rows = data.Rows[start..(start + count)], Labels = data.Labels[start..(start + count)], Weights = data.Weights?[start..(start + count)] };
}
