namespace Concord.Board.Charts;

/// <summary>The axes of a figure: tick marks, labels, light grid lines across the plot, and the axis titles.</summary>
internal static class Axes
{
    /// <summary>A horizontal axis along the bottom of the plot area [left, right] × [top, bottom].</summary>
    public static void Bottom(SvgWriter svg, Ticks ticks, LinearScale x, double top, double bottom, string? title)
    {
        svg.Start("g").Attr("class", "axis axis-x");
        foreach (var value in ticks.Values)
        {
            var px = x.Map(value);
            svg.Line(px, top, px, bottom, "grid", Palette.Grid);
            svg.Line(px, bottom, px, bottom + 5, "tick", Palette.Axis);
            svg.Label(px, bottom + 18, ticks.Format(value));
        }
        svg.Line(x.RangeMin, bottom, x.RangeMax, bottom, "domain", Palette.Axis);
        if (title is not null)
        {
            svg.Label((x.RangeMin + x.RangeMax) / 2, bottom + 38, title, cssClass: "axis-title");
        }
        svg.End();
    }

    /// <summary>A vertical axis along the left of the plot area.</summary>
    public static void Left(SvgWriter svg, Ticks ticks, LinearScale y, double left, double right, string? title)
    {
        svg.Start("g").Attr("class", "axis axis-y");
        foreach (var value in ticks.Values)
        {
            var py = y.Map(value);
            svg.Line(left, py, right, py, "grid", Palette.Grid);
            svg.Line(left - 5, py, left, py, "tick", Palette.Axis);
            svg.Label(left - 8, py + 4, ticks.Format(value), anchor: "end");
        }
        svg.Line(left, y.RangeMin, left, y.RangeMax, "domain", Palette.Axis);
        if (title is not null)
        {
            var middle = (y.RangeMin + y.RangeMax) / 2;
            svg.Label(14, middle, title, cssClass: "axis-title", rotate: -90);
        }
        svg.End();
    }
}
