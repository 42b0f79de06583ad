using Concord.Data;
using Concord.ML;

namespace Concord.Flow.Components;

public static class TableColumns
{
    /// <summary>A table's features as the numeric columns the ML layer works on (NaN marks a missing value).</summary>
    public static NumericColumns Features(PartyTable table) =>
        new([.. table.Schema.FeatureNames], [.. Enumerable.Range(0, table.FeatureCount).Select(j => table.Column(j).ToArray())]);
}
