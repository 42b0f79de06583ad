using Concord.ML.SecureBoost;

namespace Concord.ML.Tests.SecureBoost;

internal static class TreeAssert
{
    /// <summary>
    /// The same trees: the same shape, the same split (party, feature, bin, default side) at every node, and leaf weights
    /// equal within <paramref name="tolerance"/>.
    /// </summary>
    public static void Same(IReadOnlyList<BoostTree> expected, IReadOnlyList<BoostTree> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var t = 0; t < expected.Count; t++)
        {
            Assert.Equal(expected[t].Output, actual[t].Output);
            Assert.True(expected[t].Nodes.Count == actual[t].Nodes.Count, $"tree {t}: {expected[t].Nodes.Count} nodes expected, {actual[t].Nodes.Count} grown");
            for (var n = 0; n < expected[t].Nodes.Count; n++)
            {
                var (e, a) = (expected[t].Nodes[n], actual[t].Nodes[n]);
                Assert.True((e.Left, e.Right) == (a.Left, a.Right), $"tree {t} node {n}: children differ");
                var (es, as_) = (e.Split, a.Split);
                Assert.True(
                    es is null ? as_ is null : as_ is not null && (es.Party, es.Feature, es.Bin, es.DefaultLeft) == (as_.Party, as_.Feature, as_.Bin, as_.DefaultLeft),
                    $"tree {t} node {n}: split {es} expected, {as_} grown");
                if (es is not null)
                {
                    Assert.Equal(es.Threshold, as_!.Threshold);
                }
                Assert.True(Math.Abs(e.Weight - a.Weight) <= tolerance, $"tree {t} node {n}: weight {e.Weight} expected, {a.Weight} grown");
            }
        }
    }
}
