namespace Concord.ML.SecureBoost;

/// <summary>A grown tree, and the leaf each row of its job reached (−1 for rows outside the job).</summary>
internal sealed record GrownTree(BoostTree Tree, int[] LeafOf);

/// <summary>
/// Grows one tree layer by layer, the same way for the guest and the LocalBaseline: each party allowed to split the
/// layer lists its candidates, the best gain over all parties wins each node (parties in order, candidates in the
/// order listed, a later candidate only on a strictly larger gain), and the winner partitions the node's rows.
/// </summary>
internal sealed class TreeGrower(SecureBoostOptions options)
{
    public async Task<GrownTree> GrowAsync(TreeJob job, IReadOnlyList<ISplitParty> parties, int rowCount, CancellationToken ct)
    {
        foreach (var party in parties)
        {
            party.BeginTree(job);
        }
        var tree = new BoostTree { Output = job.Output, Nodes = [new TreeNode()] };
        var sums = new List<GradientSums> { Sum(job, job.Rows) };
        var leafOf = new int[rowCount];
        Array.Fill(leafOf, -1);
        var layer = new List<LayerNode> { new(0, -1, job.Rows) };
        for (var depth = 0; depth < options.MaxDepth && layer.Count > 0; depth++)
        {
            var asked = parties.Where(p => options.MaySplit(job.Round, depth, p.Party)).ToList();
            if (asked.Count == 0)
            {
                break;
            }
            var request = new TreeLayer(job.Tree, depth, layer);
            var candidates = await Task.WhenAll(asked.Select(p => p.CandidatesAsync(request, ct))).ConfigureAwait(false);
            var best = Best(layer, sums, asked, candidates);
            var outcomes = await Task.WhenAll(asked.Select((p, a) => p.ApplyAsync(
                request, [.. best.Select((b, i) => (b, i)).Where(x => x.b.Party == a).Select(x => new SplitChoice(layer[x.i].Node, x.b.Ties))], ct))).ConfigureAwait(false);
            var next = new List<LayerNode>();
            var taken = new int[asked.Count];
            for (var i = 0; i < layer.Count; i++)
            {
                if (best[i].Party < 0)
                {
                    Settle(layer[i], leafOf);
                    continue;
                }
                var outcome = outcomes[best[i].Party][taken[best[i].Party]++];
                var node = layer[i];
                if (outcome.GoesLeft.Length != node.Rows.Length)
                {
                    throw new InvalidOperationException($"party {asked[best[i].Party].Party} partitioned {outcome.GoesLeft.Length} rows of node {node.Node}, which has {node.Rows.Length}");
                }
                var left = node.Rows.Where((_, r) => outcome.GoesLeft[r]).ToArray();
                var right = node.Rows.Where((_, r) => !outcome.GoesLeft[r]).ToArray();
                var parent = tree.Nodes[node.Node];
                (parent.Split, parent.Gain, parent.Left, parent.Right) = (outcome.Rule, best[i].Gain, tree.Nodes.Count, tree.Nodes.Count + 1);
                foreach (var rows in new[] { left, right })
                {
                    next.Add(new LayerNode(tree.Nodes.Count, node.Node, rows));
                    tree.Nodes.Add(new TreeNode());
                    sums.Add(Sum(job, rows));
                }
            }
            layer = next;
        }
        foreach (var node in layer)
        {
            Settle(node, leafOf);
        }
        for (var n = 0; n < tree.Nodes.Count; n++)
        {
            if (tree.Nodes[n].IsLeaf)
            {
                tree.Nodes[n].Weight = SplitGain.LeafWeight(sums[n], options);
            }
        }
        return new GrownTree(tree, leafOf);
    }

    /// <summary>Per node, the winning party (−1 for none), its candidates of exactly the best gain, and that gain.</summary>
    private (int Party, int[] Ties, double Gain)[] Best(
        List<LayerNode> layer, List<GradientSums> sums, List<ISplitParty> asked, IReadOnlyList<GradientSums[]>[] candidates)
    {
        var best = new (int Party, int[] Ties, double Gain)[layer.Count];
        for (var i = 0; i < layer.Count; i++)
        {
            var (party, gainOf) = (-1, (double[])[]);
            best[i] = (-1, [], double.NaN);
            var total = sums[layer[i].Node];
            for (var a = 0; a < asked.Count; a++)
            {
                if (candidates[a].Count != layer.Count)
                {
                    throw new InvalidOperationException($"party {asked[a].Party} listed candidates for {candidates[a].Count} nodes of a layer of {layer.Count}");
                }
                var gains = candidates[a][i].Select(c => SplitGain.Of(total, c, options)).ToArray();
                foreach (var gain in gains)
                {
                    if (!double.IsNaN(gain) && (best[i].Party < 0 || gain > best[i].Gain))
                    {
                        (best[i], party, gainOf) = ((a, [], gain), a, gains);
                    }
                }
            }
            if (party >= 0)
            {
                best[i].Ties = [.. Enumerable.Range(0, gainOf.Length).Where(c => gainOf[c] == best[i].Gain)];
            }
        }
        return best;
    }

    private static void Settle(LayerNode leaf, int[] leafOf)
    {
        foreach (var r in leaf.Rows)
        {
            leafOf[r] = leaf.Node;
        }
    }

    private static GradientSums Sum(TreeJob job, int[] rows)
    {
        double g = 0, h = 0;
        foreach (var r in rows)
        {
            g += job.G[r];
            h += job.H[r];
        }
        return new GradientSums(g, h);
    }
}
