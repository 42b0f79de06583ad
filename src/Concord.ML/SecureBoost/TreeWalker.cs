namespace Concord.ML.SecureBoost;

/// <summary>Which of a party's tables a prediction query is about.</summary>
public enum BoostDataset
{
    Train,
    Validate,
    /// <summary>The new rows a predict job scores: the only rows a host holds then.</summary>
    New,
}

/// <summary>
/// Resolves splits for prediction: for each (rule, row), whether the row goes left. The guest answers its own rules;
/// a host answers for its opaque ids, in one batch per host and layer.
/// </summary>
internal delegate Task<bool[]> SplitDirections(int party, IReadOnlyList<(SplitRule Rule, int Row)> queries, CancellationToken ct);

/// <summary>
/// Walks many trees for many rows together, one layer per step: every party's pending splits are resolved in one
/// batch per step, so predicting takes as many rounds with a host as the trees are deep, and the host sees only which
/// of its own splits a row meets, never a score.
/// </summary>
internal static class TreeWalker
{
    /// <summary>The guest's answer for its own splits: each rule applied to the row's raw value in the guest's columns.</summary>
    public static Task<bool[]> OwnDirections(NumericColumns columns, IReadOnlyList<(SplitRule Rule, int Row)> queries) =>
        Task.FromResult(queries.Select(q => q.Rule.GoesLeft(columns[q.Rule.Feature][q.Row])).ToArray());

    /// <summary>Each output's score per row: the base score plus the leaf every tree of that output reaches.</summary>
    public static async Task<double[][]> ScoresAsync(IReadOnlyList<BoostTree> trees, double[] baseScores, int rows, SplitDirections directions, CancellationToken ct)
    {
        var scores = LocalBaseline.LocalSecureBoostTrainer.Constant(baseScores, rows);
        if (trees.Count == 0)
        {
            return scores;
        }
        var weights = await LeafWeightsAsync(trees, [.. Enumerable.Range(0, rows)], directions, ct).ConfigureAwait(false);
        for (var t = 0; t < trees.Count; t++)
        {
            for (var i = 0; i < rows; i++)
            {
                scores[trees[t].Output][i] += weights[t][i];
            }
        }
        return scores;
    }

    /// <summary>The leaf weight each row reaches in each tree: [tree][row index in <paramref name="rows"/>].</summary>
    public static async Task<double[][]> LeafWeightsAsync(IReadOnlyList<BoostTree> trees, int[] rows, SplitDirections directions, CancellationToken ct)
    {
        var position = trees.Select(_ => new int[rows.Length]).ToArray();
        while (true)
        {
            var pending = new Dictionary<int, List<(int Tree, int Index)>>();
            for (var t = 0; t < trees.Count; t++)
            {
                for (var i = 0; i < rows.Length; i++)
                {
                    if (trees[t].Nodes[position[t][i]].Split is SplitRule rule)
                    {
                        (pending.TryGetValue(rule.Party, out var list) ? list : pending[rule.Party] = []).Add((t, i));
                    }
                }
            }
            if (pending.Count == 0)
            {
                break;
            }
            var answers = await Task.WhenAll(pending.Select(async kv =>
            {
                var queries = kv.Value.Select(q => (trees[q.Tree].Nodes[position[q.Tree][q.Index]].Split!, rows[q.Index])).ToList();
                var left = await directions(kv.Key, queries, ct).ConfigureAwait(false);
                return left.Length == queries.Count
                    ? (kv.Value, left)
                    : throw new InvalidOperationException($"party {kv.Key} answered {left.Length} of {queries.Count} split queries");
            })).ConfigureAwait(false);
            foreach (var (queries, left) in answers)
            {
                for (var q = 0; q < queries.Count; q++)
                {
                    var (t, i) = queries[q];
                    var node = trees[t].Nodes[position[t][i]];
                    position[t][i] = left[q] ? node.Left : node.Right;
                }
            }
        }
        return [.. trees.Select((tree, t) => position[t].Select(n => tree.Nodes[n].Weight).ToArray())];
    }
}
