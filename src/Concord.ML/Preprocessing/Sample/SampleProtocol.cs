using Concord.Data;
using Concord.Federation.Messaging;

namespace Concord.ML.Preprocessing.Sample;

/// <summary>The one message of a synchronized (vertical) sample, and the table it gives.</summary>
internal static class SampleProtocol
{
    /// <summary>Guest → host: the ids of the sample in output order (a row drawn twice twice), or why the guest stopped.</summary>
    public static readonly Tag<SampleDraw> Draw = new("sample_draw");

    /// <summary>The rows in the order given; the k-th repeat of a row gets the id id_k, at every party alike.</summary>
    public static PartyTable Take(PartyTable table, IReadOnlyList<int> rows)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = rows.Select(r =>
        {
            var id = table.Ids[r];
            var repeat = seen[id] = seen.GetValueOrDefault(id, -1) + 1;
            return repeat == 0 ? id : $"{id}_{repeat}";
        }).ToArray();
        var columns = Enumerable.Range(0, table.FeatureCount).Select(j => rows.Select(r => table[r, j]).ToArray()).ToArray();
        try
        {
            return new PartyTable(table.Schema, ids, columns, table.Labels is double[] l ? [.. rows.Select(r => l[r])] : null, table.Weights is double[] w ? [.. rows.Select(r => w[r])] : null);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"a repeated row's new id id_k is an id already ({ex.Message})", ex);
        }
    }
}

/// <summary>The sampled ids, or the guest's reason to stop.</summary>
internal sealed record SampleDraw(string? Rejection, string[]? Ids);
