namespace Concord.ML.SecureBoost;

/// <summary>
/// One tree to grow: which round and output it fits, the gradients and hessians of that output (per row), the round's
/// rows, and the round's quantized gradients, from which every party sums its candidates.
/// </summary>
internal sealed record TreeJob(int Round, int Tree, int Output, double[] G, double[] H, int[] Rows, QuantizedGradients Quantized);

/// <summary>A node the grower asks the parties to split: its index in the tree, its parent's (−1 at the root), and its rows, ascending.</summary>
internal sealed record LayerNode(int Node, int Parent, int[] Rows);

/// <summary>The nodes of one layer of one tree.</summary>
internal sealed record TreeLayer(int Tree, int Depth, IReadOnlyList<LayerNode> Nodes);

/// <summary>
/// The guest's pick for one node: the candidates of the owning party (indices into its list for the node) whose gain
/// is the best, to the last bit. The party takes the first of them in its own canonical order, so that a host's
/// secret shuffle never decides between equal splits, and the LocalBaseline decides alike.
/// </summary>
internal sealed record SplitChoice(int Node, int[] Candidates);

/// <summary>What the owner of a chosen split reports: the rule to record, and for each of the node's rows whether it goes left.</summary>
internal sealed record SplitOutcome(SplitRule Rule, bool[] GoesLeft);

/// <summary>
/// A party whose features can split nodes, as the tree grower sees it: the guest's own features, a host behind the
/// federation (seen through encrypted sums), or, in the LocalBaseline, any party's features in plaintext. Each party
/// lists its candidates per node as left-child gradient sums; the guest picks, and only the winner hears of it.
/// </summary>
internal interface ISplitParty
{
    /// <summary>0 for the guest, 1 … H for the hosts in roster order.</summary>
    int Party { get; }

    void BeginTree(TreeJob job);

    /// <summary>Per node of the layer, in order, the left-child sums of each of the party's candidates for it.</summary>
    Task<IReadOnlyList<GradientSums[]>> CandidatesAsync(TreeLayer layer, CancellationToken ct);

    /// <summary>
    /// Applies the splits chosen among this party's candidates of the layer (possibly none: a party asked for
    /// candidates always hears the outcome, so that every party moves on to the next layer together).
    /// </summary>
    Task<IReadOnlyList<SplitOutcome>> ApplyAsync(TreeLayer layer, IReadOnlyList<SplitChoice> choices, CancellationToken ct);
}
