using System.Globalization;
using System.Xml.Linq;

namespace Concord.Board.Tests.Charts;

/// <summary>Reads a figure back as XML: it must be well formed, and its data-* attributes give the drawn values.</summary>
internal static class SvgMarkup
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static XElement Parse(string svg) => XElement.Parse(svg);

    public static IEnumerable<XElement> All(this XElement root, string name) => root.Descendants(Svg + name);

    public static (double X, double Y)[] Points(string dataPoints) =>
        [.. dataPoints.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(',')).Select(xy => (Number(xy[0]), Number(xy[1])))];

    public static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    public static (double Min, double Max) Pair(string text)
    {
        var parts = text.Split(' ');
        return (Number(parts[0]), Number(parts[1]));
    }
}
