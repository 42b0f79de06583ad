using System.Globalization;

namespace Concord.Board.Charts;

/// <summary>One bar: its label and value.</summary>
public sealed record Bar(string Label, double Value);

/// <summary>
/// Horizontal bars, one per label, from a zero line: feature importance, an LR party's own weights (negative ones to
/// the left), IV per feature. Each bar is a &lt;rect data-label data-value&gt; with the exact value.
/// </summary>
public sealed record BarChart(string Title, IReadOnlyList<Bar> Bars)
{
    public string? ValueTitle { get; init; }

    public double Width { get; init; } = 560;

    /// <summary>Labels longer than this are cut with an ellipsis on the figure; the bar's tooltip keeps them whole.</summary>
    public int MaxLabelChars { get; init; } = 28;

    private const double Top = 36, Bottom = 46, Right = 56, RowHeight = 22, CharWidth = 7;

    public string ToSvg()
    {
        var bars = Bars.Where(b => double.IsFinite(b.Value)).ToList();
        if (bars.Count == 0)
        {
            return EmptyFigure.Svg(Title, Width);
        }
        var left = 16 + (CharWidth * Math.Min(bars.Max(b => b.Label.Length), MaxLabelChars));
        var ticks = Ticks.For(Math.Min(0, bars.Min(b => b.Value)), Math.Max(0, bars.Max(b => b.Value)), 5);
        var x = new LinearScale(ticks.Min, ticks.Max, left, Width - Right);
        var plotBottom = Top + (RowHeight * bars.Count);
        var svg = new SvgWriter(Width, plotBottom + Bottom, Title, "bar");
        svg.Label(Width / 2, 20, Title, cssClass: "chart-title");
        Axes.Bottom(svg, ticks, x, Top, plotBottom, ValueTitle);
        var zero = x.Map(0);
        for (var i = 0; i < bars.Count; i++)
        {
            var (bar, top) = (bars[i], Top + (RowHeight * i));
            var end = x.Map(bar.Value);
            svg.Start("g").Attr("class", "bar-item");
            svg.Start("rect").Attr("x", Math.Min(zero, end)).Attr("y", top + 3).Attr("width", Math.Abs(end - zero)).Attr("height", RowHeight - 6)
                .Attr("fill", bar.Value < 0 ? Palette.Colour(1) : Palette.Colour(0))
                .Attr("data-label", bar.Label).Attr("data-value", SvgWriter.Exact(bar.Value))
                .Element("title", $"{bar.Label}: {SvgWriter.Exact(bar.Value)}").End();
            svg.Label(left - 6, top + 15, SvgWriter.Cut(bar.Label, MaxLabelChars), anchor: "end");
            // A negative bar's value goes right of the zero line, clear of the labels on the left.
            svg.Label(Math.Max(zero, end) + 4, top + 15, Short(bar.Value), anchor: "start", cssClass: "bar-value");
            svg.End();
        }
        svg.Line(zero, Top, zero, plotBottom, "zero", Palette.Axis);
        return svg.Finish();
    }

    private static string Short(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
