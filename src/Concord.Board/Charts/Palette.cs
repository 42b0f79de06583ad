namespace Concord.Board.Charts;

/// <summary>Okabe and Ito's colours, told apart by colour-blind readers too; series beyond eight repeat them dashed.</summary>
internal static class Palette
{
    private static readonly string[] Colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    public static string Colour(int index) => Colours[index % Colours.Length];

    public static bool Dashed(int index) => index >= Colours.Length;

    public const string Axis = "#444";
    public const string Grid = "#e4e4e4";
    public const string Reference = "#999";
}
