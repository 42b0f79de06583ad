using Concord.Data;
using Concord.ML.JobParameters;

namespace Concord.ML.Preprocessing.Union;

/// <summary>
/// Appends tables of one schema, in input order. An id seen before is dropped, or with keep_duplicate kept under
/// a new id, id_k, where k is the position of its table among the inputs (a table's ids must be unique).
/// </summary>
public static class TableUnion
{
    public static PartyTable Of(IReadOnlyList<(string Input, PartyTable Table)> tables, bool keepDuplicate)
    {
        var first = tables[0].Table.Schema;
        foreach (var (input, table) in tables.Skip(1))
        {
            if (Difference(first, table.Schema) is string difference)
            {
                throw new ArgumentException($"input {input} does not have the schema of {tables[0].Input}: {difference}");
            }
        }
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var columns = Enumerable.Range(0, first.Features.Count).Select(_ => new List<double>()).ToArray();
        var labels = first.LabelName is null ? null : new List<double>();
        var weights = first.WeightName is null ? null : new List<double>();
        for (var k = 0; k < tables.Count; k++)
        {
            var table = tables[k].Table;
            for (var i = 0; i < table.RowCount; i++)
            {
                var id = table.Ids[i];
                if (!seen.Add(id))
                {
                    if (!keepDuplicate)
                    {
                        continue;
                    }
                    id = $"{id}_{k}";
                    if (!seen.Add(id))
                    {
                        throw new ArgumentException($"keep_duplicate: the renamed id {SensitiveIds.Mark(id)} of input {tables[k].Input} is an id already");
                    }
                }
                ids.Add(id);
                for (var j = 0; j < columns.Length; j++)
                {
                    columns[j].Add(table[i, j]);
                }
                labels?.Add(table.Labels![i]);
                weights?.Add(table.Weights![i]);
            }
        }
        return new PartyTable(first, [.. ids], [.. columns.Select(c => c.ToArray())], labels?.ToArray(), weights?.ToArray());
    }

    private static string? Difference(TableSchema a, TableSchema b)
    {
        if (a.IdName != b.IdName)
        {
            return $"its id column is \"{b.IdName}\", not \"{a.IdName}\"";
        }
        if (a.LabelName != b.LabelName)
        {
            return $"its label column is {Name(b.LabelName)}, not {Name(a.LabelName)}";
        }
        if (!Equals(a.LabelClasses, b.LabelClasses))
        {
            // Two files' codes of texts number their own classes; appended as they are, one text would take two numbers.
            return "its label texts are numbered differently; apply the same label_transform model to each input before union";
        }
        if (a.WeightName != b.WeightName)
        {
            return $"its weight column is {Name(b.WeightName)}, not {Name(a.WeightName)}";
        }
        for (var j = 0; j < Math.Max(a.Features.Count, b.Features.Count); j++)
        {
            var (x, y) = (j < a.Features.Count ? a.Features[j].Name : null, j < b.Features.Count ? b.Features[j].Name : null);
            if (x != y)
            {
                return $"column {j + 1} is {Name(y)}, not {Name(x)}";
            }
        }
        return null;
    }

    private static string Name(string? column) => column is null ? "none" : $"\"{column}\"";
}

/// <summary>FATE's union, as options.</summary>
public sealed record UnionOptions
{
    [Parameter("keep_duplicate", Description = "keep a repeated id's later rows, renamed id_k (k: the input's position); false keeps the first only")]
    public bool KeepDuplicate { get; init; }
}
