using Concord.Data;
using Concord.Federation.Parties;

namespace Concord.ML.Preprocessing.DataSplit;

/// <summary>One party's split of its own rows, stratified by its own label when asked.</summary>
internal static class LocalSplit
{
    public static SplitSet[] Of(PartyTable table, DataSplitOptions options, long seed, PartyRef self)
    {
        var strata = options.Stratified
            ? table.Labels ?? throw new ArgumentException($"party {self}: stratified needs the label, and this party's table has none")
            : null;
        try
        {
            return SplitAssignment.Of(table.Ids, SplitSizes.Of(options), options.RandomState ?? seed, options.Shuffle, strata);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"party {self}: {ex.Message}", ex);
        }
    }
}
