namespace Concord.Board.Charts;

/// <summary>What a chart draws when it has nothing to draw: its title and a sentence, never an exception.</summary>
public static class EmptyFigure
{
    public const string NoData = "No data";

    public static string Svg(string title, double width = 560, double height = 160, string message = NoData)
    {
        var svg = new SvgWriter(width, height, title, "empty");
        svg.Label(width / 2, 24, title, cssClass: "chart-title");
        svg.Label(width / 2, height / 2 + 6, message, cssClass: "no-data");
        return svg.Finish();
    }
}
