using Concord.ML.Statistics;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.ML.Tests.Statistics;

/// <summary>The bisection alone, with plain counts in place of secure sums.</summary>
public class ExtremeSearchTests
{
    private static (double Min, double Max) Search(IReadOnlyList<double[]> parties)
    {
        var locals = parties.Select(values => LocalExtremes.Of(new NumericColumns(["x"], [values]))).ToList();
        var search = new ExtremeSearch(1);
        for (var round = 0; round < ExtremeSearch.Rounds; round++)
        {
            var probes = search.Probes();
            var counts = new UInt128[2];
            foreach (var answers in locals.Select(l => l.Answer(probes)))
            {
                counts[0] += answers[0];
                counts[1] += answers[1];
            }
            search.Narrow(probes, counts, parties.Count);
        }
        return (search.Min(0), search.Max(0));
    }

    [Fact]
    public void Bisection_finds_the_exact_global_extremes_in_64_rounds() =>
        Prop.ForAll<double[][]>(raw =>
        {
            var parties = raw.Where(p => p is not null).Select(p => p.Select(x => double.IsInfinity(x) ? double.NaN : x).ToArray()).ToList();
            var all = parties.SelectMany(p => p).Where(x => !double.IsNaN(x)).ToList();
            if (all.Count == 0)
            {
                return true;
            }
            var (min, max) = Search(parties);
            return min.Equals(all.Min()) && max.Equals(all.Max());
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Bisection_reaches_the_ends_of_the_range_and_neighbouring_doubles()
    {
        Assert.Equal((-double.MaxValue, double.MaxValue), Search([[-double.MaxValue], [double.MaxValue, 0]]));
        Assert.Equal((double.Epsilon, Math.BitIncrement(double.Epsilon)), Search([[double.Epsilon], [Math.BitIncrement(double.Epsilon)]]));
        Assert.Equal((-2.5, -2.5), Search([[double.NaN], [-2.5]]));
    }

    [Fact]
    public void A_count_above_the_number_of_parties_is_reported()
    {
        var search = new ExtremeSearch(1);
        var probes = search.Probes();
        Assert.Throws<InvalidDataException>(() => search.Narrow(probes, [0, UInt128.MaxValue - 3], parties: 3));
    }
}
