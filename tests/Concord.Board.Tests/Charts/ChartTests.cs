using System.Text.RegularExpressions;
using Concord.Board.Charts;

namespace Concord.Board.Tests.Charts;

public partial class ChartTests
{
    private static readonly ChartPoint[] Curve = [new(0, 0), new(0.1, 0.45), new(0.25, 0.7), new(0.6, 0.93), new(1, 1)];

    [Fact]
    public void A_curve_drawn_maps_back_to_its_data_within_pixel_rounding()
    {
        var svg = SvgMarkup.Parse(new LineChart("ROC", [new Series("model", Curve)]) { XRange = (0, 1), YRange = (0, 1), Diagonal = true }.ToSvg());

        var plot = svg.All("g").Single(g => (string?)g.Attribute("class") == "plot");
        var (x, y) = (Scale(plot, "x"), Scale(plot, "y"));
        var path = svg.All("path").Single(p => (string?)p.Attribute("data-series") == "model");
        Assert.Equal(Curve.Select(p => (p.X, p.Y)), SvgMarkup.Points((string)path.Attribute("data-points")!));
        var pixels = PathPoints().Matches((string)path.Attribute("d")!).Select(m => (SvgMarkup.Number(m.Groups[1].Value), SvgMarkup.Number(m.Groups[2].Value))).ToList();
        Assert.Equal(Curve.Length, pixels.Count);
        // Coordinates are written to 0.01 px: the data they stand for is within half of that of the truth.
        var xTolerance = 0.005 * (x.DomainMax - x.DomainMin) / Math.Abs(x.RangeMax - x.RangeMin);
        var yTolerance = 0.005 * (y.DomainMax - y.DomainMin) / Math.Abs(y.RangeMax - y.RangeMin);
        foreach (var (point, (px, py)) in Curve.Zip(pixels))
        {
            Assert.InRange(x.Invert(px), point.X - xTolerance, point.X + xTolerance);
            Assert.InRange(y.Invert(py), point.Y - yTolerance, point.Y + yTolerance);
        }
        Assert.Single(svg.All("line"), l => (string?)l.Attribute("class") == "reference");
        Assert.Contains(svg.Descendants(SvgMarkup.Svg + "g"), g => (string?)g.Attribute("class") == "legend-item" && (string?)g.Attribute("data-series") == "model");
        Assert.Equal("ROC", svg.Element(SvgMarkup.Svg + "title")!.Value);
    }

    [Fact]
    public void Points_that_are_not_numbers_are_left_out_and_a_step_curve_is_a_staircase()
    {
        var svg = SvgMarkup.Parse(new LineChart("Loss", [Series.Of("loss", [1, 2, 3, 4], [0.7, double.NaN, 0.5, 0.4], step: true)]).ToSvg());

        var path = svg.All("path").Single();
        Assert.Equal([(1.0, 0.7), (3.0, 0.5), (4.0, 0.4)], SvgMarkup.Points((string)path.Attribute("data-points")!));
        Assert.Matches(@"^M[\d.]+,[\d.]+ H[\d.]+ V[\d.]+ H[\d.]+ V[\d.]+$", (string)path.Attribute("d")!);
        Assert.Equal(3, svg.All("circle").Count());
    }

    [Fact]
    public void Data_points_are_written_exactly_with_a_decimal_point()
    {
        // The apps run with invariant globalization; the charts format with the invariant culture all the same.
        var svg = new LineChart("ROC", [new Series("model", [new(0, 0), new(0.1, 0.45), new(1.0 / 3, 1)])]).ToSvg();

        Assert.Contains("data-points=\"0,0 0.1,0.45 0.3333333333333333,1\"", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gap_marker_marks_the_ks_point()
    {
        var svg = SvgMarkup.Parse(new LineChart("KS", [Series.Of("tpr", [0, 0.5, 1], [0, 0.8, 1]), Series.Of("fpr", [0, 0.5, 1], [0, 0.2, 1])])
        {
            Gap = new GapMarker(0.5, 0.2, 0.8, "KS 0.6"),
        }.ToSvg());

        var gap = svg.All("g").Single(g => (string?)g.Attribute("class") == "gap");
        Assert.Equal("0.5", (string?)gap.Attribute("data-x"));
        Assert.Equal("KS 0.6", gap.Element(SvgMarkup.Svg + "text")!.Value);
    }

    [Fact]
    public void A_feature_named_like_markup_stays_text()
    {
        const string Evil = "<script>alert('x')</script> & \"q\"";
        var charts = new[]
        {
            new BarChart(Evil, [new Bar(Evil, -0.5), new Bar("x2", 1.25)]).ToSvg(),
            new LineChart(Evil, [new Series(Evil, Curve)]) { XTitle = Evil }.ToSvg(),
            new Heatmap(Evil, [Evil, "b"], [Evil, "b"], [[1, 0.5], [0.5, 1]], ColourScale.Correlation).ToSvg(),
            new TreeDiagram(Evil, [new TreeBox([Evil], TreeBoxKind.OwnSplit, 1, 2), new TreeBox(["leaf 1"], TreeBoxKind.Leaf), new TreeBox(["leaf 2"], TreeBoxKind.Leaf)]).ToSvg(),
        };

        foreach (var markup in charts)
        {
            Assert.DoesNotContain("<script", markup, StringComparison.Ordinal);
            var svg = SvgMarkup.Parse(markup);
            Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "script");
            Assert.Contains(svg.DescendantNodes().OfType<System.Xml.Linq.XText>(), t => t.Value.Contains("<script>alert('x')</script>", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Bars_keep_their_exact_values_and_negative_ones_go_left_of_zero()
    {
        var svg = SvgMarkup.Parse(new BarChart("Weights", [new Bar("x0", 0.75), new Bar("x1", -0.3), new Bar("intercept", 0.1)]).ToSvg());

        var bars = svg.All("rect").Where(r => r.Attribute("data-label") is not null).ToList();
        Assert.Equal(["x0", "x1", "intercept"], bars.Select(b => (string)b.Attribute("data-label")!));
        Assert.Equal([0.75, -0.3, 0.1], bars.Select(b => SvgMarkup.Number((string)b.Attribute("data-value")!)));
        var zero = SvgMarkup.Number((string)svg.All("line").Single(l => (string?)l.Attribute("class") == "zero").Attribute("x1")!);
        Assert.True(SvgMarkup.Number((string)bars[1].Attribute("x")!) < zero);
        Assert.Equal(zero, SvgMarkup.Number((string)bars[0].Attribute("x")!), 2);
    }

    [Fact]
    public void A_heatmap_colours_minus_one_blue_and_plus_one_red_and_writes_small_matrices_in_cells()
    {
        var svg = SvgMarkup.Parse(new Heatmap("Correlation", ["a", "b"], ["a", "b"], [[1, -1], [-1, double.NaN]], ColourScale.Correlation).ToSvg());

        var cells = svg.All("rect").Where(r => r.Attribute("data-row") is not null).ToList();
        Assert.Equal(["#b2182b", "#2166ac", "#2166ac", "#cccccc"], cells.Select(c => (string)c.Attribute("fill")!));
        Assert.Equal(["1", "-1", "-1", "n/a"], svg.All("text").Where(t => (string?)t.Attribute("class") == "cell-value").Select(t => t.Value));
        Assert.Equal("#ffffff", ColourScale.Correlation.Colour(0).Fill);
    }

    [Fact]
    public void A_tree_puts_each_split_over_its_children_and_does_not_follow_a_cycle()
    {
        TreeBox[] nodes =
        [
            new(["x1 ≤ 0.5"], TreeBoxKind.OwnSplit, 1, 2),
            new(["party 10000: hidden feature"], TreeBoxKind.OtherSplit, 3, 4),
            new(["leaf 0.2"], TreeBoxKind.Leaf),
            new(["leaf -0.1"], TreeBoxKind.Leaf),
            new(["cycle"], TreeBoxKind.OwnSplit, 0, 9),
        ];

        var svg = SvgMarkup.Parse(new TreeDiagram("Tree 1", nodes).ToSvg());

        var boxes = svg.All("g").Where(g => g.Attribute("data-node") is not null)
            .ToDictionary(g => (string)g.Attribute("data-node")!, g => SvgMarkup.Number((string)g.Element(SvgMarkup.Svg + "rect")!.Attribute("x")!));
        Assert.Equal(5, boxes.Count);
        Assert.Equal((boxes["1"] + boxes["2"]) / 2, boxes["0"], 1);
        Assert.Equal((boxes["3"] + boxes["4"]) / 2, boxes["1"], 1);
        Assert.Single(svg.All("g"), g => ((string?)g.Attribute("class"))?.Contains("node-othersplit", StringComparison.Ordinal) == true);
        Assert.Equal(4, svg.All("line").Count(l => (string?)l.Attribute("class") == "edge"));
        Assert.NotNull(svg.Attribute("width"));
    }

    [Fact]
    public void Empty_data_gives_a_no_data_figure()
    {
        string[] figures =
        [
            new LineChart("ROC", []).ToSvg(),
            new LineChart("Loss", [Series.Of("loss", [1, 2], [double.NaN, double.NaN])]).ToSvg(),
            new BarChart("Importance", []).ToSvg(),
            new Heatmap("Correlation", [], [], [], ColourScale.Correlation).ToSvg(),
            new Heatmap("Ragged", ["a"], ["a", "b"], [[1]], ColourScale.Correlation).ToSvg(),
            new TreeDiagram("Tree", []).ToSvg(),
        ];

        foreach (var markup in figures)
        {
            var svg = SvgMarkup.Parse(markup);
            Assert.Equal("chart chart-empty", (string?)svg.Attribute("class"));
            Assert.Contains(svg.All("text"), t => t.Value == EmptyFigure.NoData);
        }
    }

    private static LinearScale Scale(System.Xml.Linq.XElement plot, string axis)
    {
        var domain = SvgMarkup.Pair((string)plot.Attribute($"data-{axis}-domain")!);
        var range = SvgMarkup.Pair((string)plot.Attribute($"data-{axis}-range")!);
        return new LinearScale(domain.Min, domain.Max, range.Min, range.Max);
    }

    [GeneratedRegex(@"[ML]([\d.]+),([\d.]+)")]
    private static partial Regex PathPoints();
}
