using System.Text;

namespace Concord.Board.Charts;

/// <summary>One point of a curve, in data units.</summary>
public readonly record struct ChartPoint(double X, double Y);

/// <summary>A named curve. Points that are not finite numbers (a loss stored as null) are left out, not drawn at zero.</summary>
/// <param name="Step">Drawn as a staircase (horizontal, then vertical) instead of straight segments.</param>
public sealed record Series(string Name, IReadOnlyList<ChartPoint> Points, bool Step = false)
{
    public static Series Of(string name, IEnumerable<double> xs, IEnumerable<double> ys, bool step = false) =>
        new(name, [.. xs.Zip(ys, (x, y) => new ChartPoint(x, y))], step);

    internal IReadOnlyList<ChartPoint> Drawn => [.. Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y))];
}

/// <summary>A vertical segment marked on the chart with a label: the KS statistic's largest gap between two curves.</summary>
public sealed record GapMarker(double X, double Y1, double Y2, string Label);

/// <summary>
/// Several named curves on linear axes: ROC, KS, lift, gain, precision-recall, loss per epoch. Each curve is one
/// &lt;path data-series="name" data-points="x,y …"&gt; whose data-points are the values drawn, exactly as given,
/// so a browser test compares the figure with the stored metric.
/// </summary>
public sealed record LineChart(string Title, IReadOnlyList<Series> Series)
{
    public string? XTitle { get; init; }

    public string? YTitle { get; init; }

    /// <summary>Fixed x and y ranges (ROC's 0 to 1); otherwise nice ranges around the data.</summary>
    public (double Min, double Max)? XRange { get; init; }

    public (double Min, double Max)? YRange { get; init; }

    /// <summary>The line y = x from corner to corner: a ROC curve's random classifier.</summary>
    public bool Diagonal { get; init; }

    public GapMarker? Gap { get; init; }

    /// <summary>Points drawn as dots too, when a curve has at most this many (a loss per epoch, not a 200-point ROC).</summary>
    public int DotsUpTo { get; init; } = 40;

    public double Width { get; init; } = 560;

    public double PlotHeight { get; init; } = 300;

    private const double Left = 64, Right = 20, Top = 36, Bottom = 52, LegendRow = 18;

    public string ToSvg()
    {
        var series = Series.Where(s => s.Drawn.Count > 0).ToList();
        if (series.Count == 0)
        {
            return EmptyFigure.Svg(Title, Width);
        }
        var points = series.SelectMany(s => s.Drawn).ToList();
        var xTicks = Ticks.For(XRange?.Min ?? points.Min(p => p.X), XRange?.Max ?? points.Max(p => p.X));
        var yTicks = Ticks.For(YRange?.Min ?? points.Min(p => p.Y), YRange?.Max ?? points.Max(p => p.Y));
        var x = new LinearScale(xTicks.Min, xTicks.Max, Left, Width - Right);
        var y = new LinearScale(yTicks.Min, yTicks.Max, Top + PlotHeight, Top);
        var height = Top + PlotHeight + Bottom + (LegendRow * series.Count) + 8;
        var svg = new SvgWriter(Width, height, Title, "line");
        svg.Label(Width / 2, 20, Title, cssClass: "chart-title");
        Axes.Bottom(svg, xTicks, x, Top, Top + PlotHeight, XTitle);
        Axes.Left(svg, yTicks, y, Left, Width - Right, YTitle);
        if (Diagonal)
        {
            var lo = Math.Max(xTicks.Min, yTicks.Min);
            var hi = Math.Min(xTicks.Max, yTicks.Max);
            svg.Start("line").Attr("class", "reference").Attr("x1", x.Map(lo)).Attr("y1", y.Map(lo)).Attr("x2", x.Map(hi)).Attr("y2", y.Map(hi))
                .Attr("stroke", Palette.Reference).Attr("stroke-dasharray", "4 4").End();
        }
        // The plot's data ranges and their pixels, so a reader of the markup (a browser test) maps a pixel back to data.
        svg.Start("g").Attr("class", "plot")
            .Attr("data-x-domain", $"{SvgWriter.Exact(x.DomainMin)} {SvgWriter.Exact(x.DomainMax)}").Attr("data-x-range", $"{SvgWriter.Number(x.RangeMin)} {SvgWriter.Number(x.RangeMax)}")
            .Attr("data-y-domain", $"{SvgWriter.Exact(y.DomainMin)} {SvgWriter.Exact(y.DomainMax)}").Attr("data-y-range", $"{SvgWriter.Number(y.RangeMin)} {SvgWriter.Number(y.RangeMax)}");
        for (var i = 0; i < series.Count; i++)
        {
            Curve(svg, series[i], i, x, y);
        }
        svg.End();
        if (Gap is GapMarker gap)
        {
            Marker(svg, gap, x, y);
        }
        Legend(svg, series, Top + PlotHeight + Bottom);
        return svg.Finish();
    }

    private void Curve(SvgWriter svg, Series series, int index, LinearScale x, LinearScale y)
    {
        var drawn = series.Drawn;
        var colour = Palette.Colour(index);
        svg.Start("g").Attr("class", "series").Attr("data-series", series.Name);
        svg.Start("path").Attr("d", PathData(drawn, series.Step, x, y)).Attr("fill", "none").Attr("stroke", colour).Attr("stroke-width", 2)
            .Attr("data-series", series.Name)
            .Attr("data-points", string.Join(" ", drawn.Select(p => $"{SvgWriter.Exact(p.X)},{SvgWriter.Exact(p.Y)}")));
        if (Palette.Dashed(index))
        {
            svg.Attr("stroke-dasharray", "6 3");
        }
        svg.Element("title", series.Name).End();
        if (drawn.Count <= DotsUpTo)
        {
            foreach (var p in drawn)
            {
                svg.Start("circle").Attr("cx", x.Map(p.X)).Attr("cy", y.Map(p.Y)).Attr("r", 3).Attr("fill", colour)
                    .Attr("data-x", SvgWriter.Exact(p.X)).Attr("data-y", SvgWriter.Exact(p.Y))
                    .Element("title", $"{series.Name}: {SvgWriter.Exact(p.X)}, {SvgWriter.Exact(p.Y)}").End();
            }
        }
        svg.End();
    }

    /// <summary>The path's pixel coordinates: straight segments, or a staircase that holds each value until the next x.</summary>
    internal static string PathData(IReadOnlyList<ChartPoint> points, bool step, LinearScale x, LinearScale y)
    {
        var d = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            var (px, py) = (SvgWriter.Number(x.Map(points[i].X)), SvgWriter.Number(y.Map(points[i].Y)));
            if (i == 0)
            {
                d.Append($"M{px},{py}");
            }
            else if (step)
            {
                d.Append($" H{px} V{py}");
            }
            else
            {
                d.Append($" L{px},{py}");
            }
        }
        return d.ToString();
    }

    private static void Marker(SvgWriter svg, GapMarker gap, LinearScale x, LinearScale y)
    {
        var px = x.Map(gap.X);
        svg.Start("g").Attr("class", "gap").Attr("data-x", SvgWriter.Exact(gap.X)).Attr("data-y1", SvgWriter.Exact(gap.Y1)).Attr("data-y2", SvgWriter.Exact(gap.Y2));
        svg.Start("line").Attr("x1", px).Attr("y1", y.Map(gap.Y1)).Attr("x2", px).Attr("y2", y.Map(gap.Y2))
            .Attr("stroke", Palette.Axis).Attr("stroke-width", 1.5).Attr("stroke-dasharray", "3 2").End();
        svg.Label(px + 6, (y.Map(gap.Y1) + y.Map(gap.Y2)) / 2, gap.Label, anchor: "start", cssClass: "gap-label");
        svg.End();
    }

    private void Legend(SvgWriter svg, IReadOnlyList<Series> series, double top)
    {
        svg.Start("g").Attr("class", "legend");
        for (var i = 0; i < series.Count; i++)
        {
            var row = top + (LegendRow * i) + 10;
            svg.Start("g").Attr("class", "legend-item").Attr("data-series", series[i].Name);
            svg.Start("line").Attr("x1", Left).Attr("y1", row).Attr("x2", Left + 24).Attr("y2", row).Attr("stroke", Palette.Colour(i)).Attr("stroke-width", 2);
            if (Palette.Dashed(i))
            {
                svg.Attr("stroke-dasharray", "6 3");
            }
            svg.End();
            svg.Label(Left + 30, row + 4, series[i].Name, anchor: "start");
            svg.End();
        }
        svg.End();
    }
}
