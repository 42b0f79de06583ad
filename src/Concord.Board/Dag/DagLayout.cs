using Concord.Flow.Dsl;

namespace Concord.Board.Dag;

/// <summary>A component placed on the drawing: its box's top-left corner.</summary>
public sealed record DagBox(string Name, string Type, int Parties, double X, double Y);

/// <summary>An edge from a producer's box to a consumer's, labelled with the artifact it carries.</summary>
public sealed record DagEdge(string From, string To, string Label);

/// <summary>
/// The job's components in layers, left to right: a component sits one layer right of its furthest producer, so
/// every edge points rightwards; within a layer they keep the job file's order.
/// </summary>
public sealed record DagLayout(IReadOnlyList<DagBox> Boxes, IReadOnlyList<DagEdge> Edges, double Width, double Height)
{
    public const double BoxWidth = 168;
    public const double BoxHeight = 48;
    private const double GapX = 56;
    private const double GapY = 20;
    private const double Margin = 8;

    public static DagLayout Of(JobDefinition job)
    {
        var layer = new Dictionary<string, int>(StringComparer.Ordinal);
        // The job file's order is already topological (DagOrder checks it), so each producer is placed first.
        foreach (var component in job.Components)
        {
            layer[component.Name] = component.Producers.Select(p => layer.TryGetValue(p, out var l) ? l + 1 : 0).DefaultIfEmpty(0).Max();
        }
        var rows = new Dictionary<int, int>();
        var boxes = new List<DagBox>();
        foreach (var component in job.Components)
        {
            var column = layer[component.Name];
            var row = rows[column] = rows.GetValueOrDefault(column, -1) + 1;
            boxes.Add(new DagBox(component.Name, component.Type, component.Parties.Count,
                Margin + (column * (BoxWidth + GapX)), Margin + (row * (BoxHeight + GapY))));
        }
        var edges = job.Components.SelectMany(c => c.Inputs.Select(i => new DagEdge(i.Producer, c.Name, i.Output))).Distinct().ToList();
        var width = boxes.Count == 0 ? 0 : boxes.Max(b => b.X) + BoxWidth + Margin;
        var height = boxes.Count == 0 ? 0 : boxes.Max(b => b.Y) + BoxHeight + Margin;
        return new DagLayout(boxes, edges, width, height);
    }
}
