using System.Globalization;
using System.Text;
using System.Xml;

namespace Concord.Board.Charts;

/// <summary>
/// Writes one SVG figure. Every attribute value and text goes through <see cref="XmlWriter"/>, so a feature named
/// <c>&lt;script&gt;</c> stays text, and every number is written in the invariant culture, so a figure drawn on a
/// machine set to German has the same points as one drawn in the test.
/// </summary>
internal sealed class SvgWriter
{
    private const string Namespace = "http://www.w3.org/2000/svg";
    private readonly StringBuilder _text = new();
    private readonly XmlWriter _xml;

    /// <param name="title">The figure's accessible name: its &lt;title&gt; and aria-label.</param>
    /// <param name="kind">What the figure is (line, bar, heatmap, tree, empty), for styles and tests.</param>
    /// <param name="fixedWidth">Whether the figure keeps its width (a wide tree scrolls) instead of shrinking to its container.</param>
    public SvgWriter(double width, double height, string title, string kind, bool fixedWidth = false)
    {
        _xml = XmlWriter.Create(_text, new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment });
        Start("svg");
        Attr("class", $"chart chart-{kind}");
        Attr("viewBox", $"0 0 {Number(width)} {Number(height)}");
        if (fixedWidth)
        {
            Attr("width", width);
            Attr("height", height);
        }
        Attr("role", "img");
        Attr("aria-label", title);
        Attr("font-family", "system-ui, sans-serif");
        Attr("font-size", 12);
        Element("title", title);
    }

    /// <summary>A number as a coordinate: at most two decimals, invariant.</summary>
    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A number exactly as stored (round-trip), for the data-* attributes a test compares with the metric.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A label cut to <paramref name="max"/> characters with an ellipsis; the element's tooltip keeps it whole.</summary>
    public static string Cut(string label, int max) => label.Length <= max ? label : label[..(max - 1)] + "…";

    public SvgWriter Start(string element)
    {
        _xml.WriteStartElement(element, Namespace);
        return this;
    }

    public SvgWriter End()
    {
        _xml.WriteEndElement();
        return this;
    }

    public SvgWriter Attr(string name, string value)
    {
        _xml.WriteAttributeString(name, value);
        return this;
    }

    public SvgWriter Attr(string name, double value) => Attr(name, Number(value));

    public SvgWriter Text(string text)
    {
        _xml.WriteString(text);
        return this;
    }

    /// <summary>An element with only text inside: a title, a label.</summary>
    public SvgWriter Element(string element, string text) => Start(element).Text(text).End();

    public SvgWriter Line(double x1, double y1, double x2, double y2, string cssClass, string stroke) =>
        Start("line").Attr("class", cssClass).Attr("x1", x1).Attr("y1", y1).Attr("x2", x2).Attr("y2", y2).Attr("stroke", stroke).End();

    /// <summary>A text at (x, y), anchored start, middle or end.</summary>
    public SvgWriter Label(double x, double y, string text, string anchor = "middle", string? cssClass = null, double? rotate = null)
    {
        Start("text").Attr("x", x).Attr("y", y).Attr("text-anchor", anchor);
        if (cssClass is not null)
        {
            Attr("class", cssClass);
        }
        if (rotate is double degrees)
        {
            Attr("transform", $"rotate({Number(degrees)} {Number(x)} {Number(y)})");
        }
        return Text(text).End();
    }

    /// <summary>Closes the figure and returns its markup.</summary>
    public string Finish()
    {
        _xml.WriteEndElement();
        _xml.Flush();
        return _text.ToString();
    }
}
