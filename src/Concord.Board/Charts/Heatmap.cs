using System.Globalization;

namespace Concord.Board.Charts;

/// <summary>How a heatmap colours a value: diverging around zero (a correlation), or from zero to a maximum (counts).</summary>
public sealed record ColourScale(double Min, double Max, bool Diverging)
{
    /// <summary>Correlations: −1 blue, 0 white, +1 red.</summary>
    public static ColourScale Correlation { get; } = new(-1, 1, true);

    /// <summary>Counts from zero (white) to the largest (blue).</summary>
    public static ColourScale Counts(double max) => new(0, max > 0 ? max : 1, false);

    /// <summary>The fill of a value, and whether its cell's text is better white.</summary>
    public (string Fill, bool Dark) Colour(double value)
    {
        if (!double.IsFinite(value))
        {
            return ("#cccccc", false);
        }
        var t = Math.Clamp((value - Min) / (Max - Min), 0, 1);
        if (!Diverging)
        {
            return (Mix((255, 255, 255), (33, 102, 172), t), t > 0.6);
        }
        var signed = (2 * t) - 1;
        return signed < 0
            ? (Mix((255, 255, 255), (33, 102, 172), -signed), signed < -0.6)
            : (Mix((255, 255, 255), (178, 24, 43), signed), signed > 0.6);
    }

    private static string Mix((int R, int G, int B) from, (int R, int G, int B) to, double t) =>
        string.Create(CultureInfo.InvariantCulture, $"#{Lerp(from.R, to.R, t):x2}{Lerp(from.G, to.G, t):x2}{Lerp(from.B, to.B, t):x2}");

    private static int Lerp(int a, int b, double t) => (int)Math.Round(a + ((b - a) * t));
}

/// <summary>
/// A matrix of coloured cells with row and column labels: a correlation matrix, a confusion matrix. Each cell is a
/// &lt;rect data-row data-col data-value&gt; with a tooltip; values are written in the cells when the matrix is small.
/// </summary>
public sealed record Heatmap(string Title, IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<double>> Values, ColourScale Scale)
{
    public string? RowTitle { get; init; }

    public string? ColumnTitle { get; init; }

    /// <summary>Values are written in cells when there are at most this many columns.</summary>
    public int ValuesUpTo { get; init; } = 12;

    /// <summary>How a value is written in its cell.</summary>
    public string Format { get; init; } = "0.##";

    private const double Top = 36, CharWidth = 7;
    private const int MaxLabelChars = 24;

    public string ToSvg()
    {
        if (Rows.Count == 0 || Columns.Count == 0 || Values.Count != Rows.Count || Values.Any(r => r.Count != Columns.Count))
        {
            return EmptyFigure.Svg(Title);
        }
        var cell = Math.Clamp(480.0 / Columns.Count, 14, 56);
        var left = 20 + (CharWidth * Math.Min(Rows.Max(r => r.Length), MaxLabelChars)) + (RowTitle is null ? 0 : 18);
        var header = 16 + (CharWidth * 0.75 * Math.Min(Columns.Max(c => c.Length), MaxLabelChars)) + (ColumnTitle is null ? 0 : 18);
        var top = Top + header;
        // Wide enough for the title too: a two-class confusion matrix is narrower than its title.
        var width = Math.Max(left + (cell * Columns.Count) + 20, 20 + (CharWidth * 1.25 * Title.Length));
        var height = top + (cell * Rows.Count) + 20;
        var svg = new SvgWriter(width, height, Title, "heatmap");
        svg.Label(width / 2, 20, Title, cssClass: "chart-title");
        if (ColumnTitle is not null)
        {
            svg.Label(left + (cell * Columns.Count / 2), Top + 10, ColumnTitle, cssClass: "axis-title");
        }
        if (RowTitle is not null)
        {
            svg.Label(14, top + (cell * Rows.Count / 2), RowTitle, cssClass: "axis-title", rotate: -90);
        }
        for (var j = 0; j < Columns.Count; j++)
        {
            var x = left + (cell * j) + (cell / 2);
            svg.Label(x, top - 6, SvgWriter.Cut(Columns[j], MaxLabelChars), anchor: "start", cssClass: "column-label", rotate: -45);
        }
        var writeValues = Columns.Count <= ValuesUpTo;
        for (var i = 0; i < Rows.Count; i++)
        {
            var y = top + (cell * i);
            svg.Label(left - 6, y + (cell / 2) + 4, SvgWriter.Cut(Rows[i], MaxLabelChars), anchor: "end", cssClass: "row-label");
            for (var j = 0; j < Columns.Count; j++)
            {
                var value = Values[i][j];
                var (fill, dark) = Scale.Colour(value);
                var x = left + (cell * j);
                var text = double.IsFinite(value) ? value.ToString(Format, CultureInfo.InvariantCulture) : "n/a";
                svg.Start("rect").Attr("x", x).Attr("y", y).Attr("width", cell).Attr("height", cell).Attr("fill", fill).Attr("stroke", "#fff")
                    .Attr("data-row", Rows[i]).Attr("data-col", Columns[j]).Attr("data-value", double.IsFinite(value) ? SvgWriter.Exact(value) : "NaN")
                    .Element("title", $"{Rows[i]} × {Columns[j]}: {text}").End();
                if (writeValues)
                {
                    svg.Start("text").Attr("x", x + (cell / 2)).Attr("y", y + (cell / 2) + 4).Attr("text-anchor", "middle").Attr("class", "cell-value")
                        .Attr("fill", dark ? "#fff" : "#222").Attr("font-size", Math.Min(12, cell / 3.2)).Text(text).End();
                }
            }
        }
        return svg.Finish();
    }
}
