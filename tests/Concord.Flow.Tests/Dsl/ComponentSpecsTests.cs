using Concord.Flow.Dsl;
using Concord.Flow.Dsl.Specs;

namespace Concord.Flow.Tests.Dsl;

/// <summary>The spec registry refuses specs that contradict themselves; ranges and suggestions behave.</summary>
public sealed class ComponentSpecsTests
{
    private static ArgumentException Rejected(params ParameterSpec[] parameters) =>
        Assert.Throws<ArgumentException>(() => new ComponentSpecs([new ComponentSpec("bad", "a broken spec") { Parameters = parameters }]));

    [Fact]
    public void The_default_registry_holds_the_components_the_next_issues_need()
    {
        Assert.Subset(ComponentSpecs.Default.Types.ToHashSet(), new HashSet<string> { "data_transform", "evaluation", "hetero_linr", "hetero_lr", "hetero_poisson", "hetero_secureboost", "homo_lr", "homo_nn", "model_loader", "psi", "reader", "statistics" });
        Assert.Equal(ComponentSpecs.Default.Types.Order(StringComparer.Ordinal), ComponentSpecs.Default.Types);
        var reader = ComponentSpecs.Default.Find("reader")!;
        Assert.Empty(reader.Inputs);
        Assert.True(reader.Parameter("table")!.IsPerParty);
        Assert.False(ComponentSpecs.Default.Find("hetero_lr")!.Parameter("max_iter")!.IsPerParty);
        Assert.Null(ComponentSpecs.Default.Find("Reader"));
    }

    [Fact]
    public void A_spec_whose_default_breaks_its_own_rule_is_refused_at_once()
    {
        Assert.Contains("default 0 is not an integer in [1, 10]", Rejected(Param.Int("n").Between(1, 10).Default(0)).Message, StringComparison.Ordinal);
        Assert.Contains("default \"x\"", Rejected(Param.Enum("e", "a", "b").Default("x")).Message, StringComparison.Ordinal);
        Assert.Contains("default 1.5", Rejected(Param.Int("n").Default(1.5)).Message, StringComparison.Ordinal);
        Assert.Contains("required and has a default", Rejected(Param.Int("n").Required().Default(1)).Message, StringComparison.Ordinal);
        Assert.Contains("names parameter \"n\" twice", Rejected(Param.Int("n"), Param.Double("n")).Message, StringComparison.Ordinal);
        Assert.Contains("neither required nor groups", Rejected(Param.Group("g", Param.Int("n").Required())).Message, StringComparison.Ordinal);
        Assert.Contains("has a range but is not numeric", Rejected(Param.String("s") with { Range = new NumericRange(0) }).Message, StringComparison.Ordinal);
        var twice = Assert.Throws<ArgumentException>(() => new ComponentSpecs([new ComponentSpec("x", ""), new ComponentSpec("x", "")]));
        Assert.Contains("\"x\" is specified twice", twice.Message, StringComparison.Ordinal);
    }

    // NumericRange's record equality compares the Also list by reference.
    private static readonly IEqualityComparer<NumericRange> RangeComparer = EqualityComparer<NumericRange>.Create(
        (a, b) => a!.ToString() == b!.ToString() && a.Also.SequenceEqual(b.Also), r => r.ToString().GetHashCode(StringComparison.Ordinal));

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(1e-9, true)]
    [InlineData(10.0, true)]
    [InlineData(10.000001, false)]
    public void An_interval_open_below_and_closed_above_contains_what_it_says(double value, bool inside) =>
        Assert.Equal(inside, new NumericRange(0, MinExclusive: true, Max: 10).Contains(value));

    [Fact]
    public void A_special_value_outside_the_range_is_accepted_and_described()
    {
        var range = Param.Int("batch_size").AtLeast(1).Or(-1).Range!;
        Assert.True(range.Contains(-1));
        Assert.False(range.Contains(0));
        Assert.False(range.Contains(-2));
        Assert.Equal("at least 1, or -1", range.ToString());
        Assert.Equal(range, Param.Int("batch_size").Or(-1).AtLeast(1).Range!, RangeComparer);
        Assert.Equal("in (0, 10]", Param.Double("lr").Above(0).AtMost(10).Range!.ToString());
    }

    [Theory]
    [InlineData("max_itr", "max_iter")]
    [InlineData("lerning_rate", "learning_rate")]
    [InlineData("pnealty", "penalty")]
    [InlineData("Reader", "reader")]
    [InlineData("hots", "host")]
    [InlineData("zzz", null)]
    [InlineData("optimiser_kind", null)]
    public void The_nearest_name_is_offered_only_when_it_is_a_likely_typo(string typed, string? nearest) =>
        Assert.Equal(nearest, NearestName.Find(typed, ["max_iter", "learning_rate", "penalty", "optimizer", "reader", "host", "guest"]));
}
