namespace Concord.Flow.Dsl.Parsing;

/// <summary>
/// Orders a graph given as each node's producers. Nodes are indices in file order; of the nodes ready at
/// any point the earliest in the file goes first, so a job that is already in order keeps its order.
/// </summary>
internal static class DagOrder
{
    /// <summary>A topological order, or the cycles that prevent one (each in data-flow order, first node not repeated).</summary>
    public static (IReadOnlyList<int> Order, IReadOnlyList<IReadOnlyList<int>> Cycles) Sort(IReadOnlyList<IReadOnlyList<int>> producers)
    {
        var count = producers.Count;
        var consumers = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        var waiting = new int[count];
        for (var node = 0; node < count; node++)
        {
            foreach (var producer in producers[node].Distinct())
            {
                consumers[producer].Add(node);
                waiting[node]++;
            }
        }
        var ready = new SortedSet<int>(Enumerable.Range(0, count).Where(n => waiting[n] == 0));
        var order = new List<int>(count);
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            order.Add(next);
            foreach (var consumer in consumers[next])
            {
                if (--waiting[consumer] == 0)
                {
                    ready.Add(consumer);
                }
            }
        }
        return order.Count == count ? (order, []) : (order, Cycles(consumers, [.. Enumerable.Range(0, count).Where(n => waiting[n] > 0)]));
    }

    /// <summary>
    /// One cycle per strongly connected group of the nodes left over, through the group's earliest node,
    /// so that two separate loops in one file are both reported.
    /// </summary>
    private static List<IReadOnlyList<int>> Cycles(List<int>[] consumers, HashSet<int> stuck)
    {
        var cycles = new List<IReadOnlyList<int>>();
        var covered = new HashSet<int>();
        foreach (var start in stuck.Order())
        {
            if (covered.Contains(start) || ShortestLoop(start, consumers, stuck) is not List<int> loop)
            {
                continue;
            }
            cycles.Add(loop);
            // Everything that lies on a loop with start is in start's group; none of it starts another report.
            covered.UnionWith(stuck.Where(n => Reaches(start, n, consumers, stuck) && Reaches(n, start, consumers, stuck)));
        }
        return cycles;
    }

    /// <summary>The shortest path from start back to itself, by breadth-first search.</summary>
    private static List<int>? ShortestLoop(int start, List<int>[] consumers, HashSet<int> within)
    {
        var cameFrom = new Dictionary<int, int>();
        var queue = new Queue<int>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in consumers[node].Where(within.Contains))
            {
                if (next == start)
                {
                    var path = new List<int> { node };
                    while (path[^1] != start)
                    {
                        path.Add(cameFrom[path[^1]]);
                    }
                    path.Reverse();
                    return path;
                }
                if (cameFrom.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }
        return null;
    }

    private static bool Reaches(int from, int to, List<int>[] consumers, HashSet<int> within)
    {
        var seen = new HashSet<int> { from };
        var stack = new Stack<int>([from]);
        while (stack.Count > 0)
        {
            foreach (var next in consumers[stack.Pop()].Where(within.Contains))
            {
                if (next == to)
                {
                    return true;
                }
                if (seen.Add(next))
                {
                    stack.Push(next);
                }
            }
        }
        return from == to;
    }
}
