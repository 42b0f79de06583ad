using Concord.Data;

namespace Concord.ML.Psi;

/// <summary>A table cut down to chosen rows, in the order given.</summary>
public static class RowSelection
{
    public static PartyTable Select(PartyTable table, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        var ids = rows.Select(r => table.Ids[r]).ToArray();
        var columns = new double[table.FeatureCount][];
        for (var j = 0; j < columns.Length; j++)
        {
            var column = table.Column(j);
            columns[j] = new double[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                columns[j][i] = column[rows[i]];
            }
        }
        return new PartyTable(table.Schema, ids, columns, Pick(table.Labels, rows), Pick(table.Weights, rows));
    }

    private static double[]? Pick(double[]? values, IReadOnlyList<int> rows) => values is null ? null : rows.Select(r => values[r]).ToArray();
}
