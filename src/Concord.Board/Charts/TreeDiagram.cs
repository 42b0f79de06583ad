namespace Concord.Board.Charts;

/// <summary>How a tree node is drawn: a split of this party's own feature, another party's anonymous split, or a leaf.</summary>
public enum TreeBoxKind
{
    OwnSplit,
    OtherSplit,
    Leaf,
}

/// <summary>One node: its lines of text and its children's indexes (−1 for none); node 0 is the root.</summary>
public sealed record TreeBox(IReadOnlyList<string> Lines, TreeBoxKind Kind, int Left = -1, int Right = -1);

/// <summary>
/// A binary tree drawn node by node, leaves side by side and each split centred over its children, with "yes" on
/// the left edge and "no" on the right. The figure keeps its natural width, so a wide tree scrolls in its container
/// rather than shrinking to unreadable boxes. A node index out of range or visited twice is drawn as missing, not followed.
/// </summary>
public sealed record TreeDiagram(string Title, IReadOnlyList<TreeBox> Nodes)
{
    private const double BoxWidth = 150, LineHeight = 15, Gap = 14, LevelGap = 44, Top = 36, MaxLineChars = 22;

    public string ToSvg()
    {
        if (Nodes.Count == 0)
        {
            return EmptyFigure.Svg(Title);
        }
        var layout = new Dictionary<int, (double X, int Depth)>();
        var edges = new List<(int From, int To, string Label)>();
        var nextSlot = 0;
        Place(0, 0);
        var boxHeight = (LineHeight * Math.Max(1, Nodes.Max(n => n.Lines.Count))) + 10;
        var depth = layout.Values.Max(p => p.Depth);
        var width = Math.Max(320, (nextSlot * (BoxWidth + Gap)) + Gap);
        var height = Top + ((depth + 1) * (boxHeight + LevelGap));
        var svg = new SvgWriter(width, height, Title, "tree", fixedWidth: true);
        svg.Label(Math.Min(width, 560) / 2, 20, Title, cssClass: "chart-title");
        double Y(int d) => Top + (d * (boxHeight + LevelGap));
        foreach (var (from, to, label) in edges)
        {
            var (a, b) = (layout[from], layout[to]);
            svg.Line(a.X, Y(a.Depth) + boxHeight, b.X, Y(b.Depth), "edge", Palette.Axis);
            svg.Label((a.X + b.X) / 2 + (b.X < a.X ? -8 : 8), (Y(a.Depth) + boxHeight + Y(b.Depth)) / 2, label, anchor: b.X < a.X ? "end" : "start", cssClass: "edge-label");
        }
        foreach (var (index, (x, d)) in layout.OrderBy(p => p.Key))
        {
            Box(svg, index, x - (BoxWidth / 2), Y(d), boxHeight);
        }
        return svg.Finish();

        double Place(int index, int level)
        {
            var node = Nodes[index];
            layout[index] = (0, level);
            var children = new[] { (node.Left, "yes"), (node.Right, "no") }
                .Where(c => c.Item1 >= 0 && c.Item1 < Nodes.Count && !layout.ContainsKey(c.Item1)).ToList();
            double x;
            if (children.Count == 0)
            {
                x = Gap + (nextSlot++ * (BoxWidth + Gap)) + (BoxWidth / 2);
            }
            else
            {
                var xs = children.Select(c =>
                {
                    edges.Add((index, c.Item1, c.Item2));
                    return Place(c.Item1, level + 1);
                }).ToList();
                x = (xs.Min() + xs.Max()) / 2;
            }
            layout[index] = (x, level);
            return x;
        }
    }

    private void Box(SvgWriter svg, int index, double x, double y, double height)
    {
        var node = Nodes[index];
        var (fill, stroke) = node.Kind switch
        {
            TreeBoxKind.OwnSplit => ("#e8f1fa", "#0072B2"),
            TreeBoxKind.OtherSplit => ("#f3f3f3", "#888888"),
            _ => ("#eaf6ef", "#009E73"),
        };
        svg.Start("g").Attr("class", $"node node-{node.Kind.ToString().ToLowerInvariant()}").Attr("data-node", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        svg.Element("title", string.Join("\n", node.Lines));
        svg.Start("rect").Attr("x", x).Attr("y", y).Attr("width", BoxWidth).Attr("height", height).Attr("rx", 4)
            .Attr("fill", fill).Attr("stroke", stroke);
        if (node.Kind == TreeBoxKind.OtherSplit)
        {
            svg.Attr("stroke-dasharray", "4 3");
        }
        svg.End();
        for (var i = 0; i < node.Lines.Count; i++)
        {
            svg.Label(x + (BoxWidth / 2), y + 17 + (LineHeight * i), SvgWriter.Cut(node.Lines[i], (int)MaxLineChars));
        }
        svg.End();
    }
}
