using Concord.Crypto.Profiling;

namespace Concord.ML.SecureBoost;

/// <summary>
/// A party's features split in plaintext, by the party that holds them: the guest's own features in a federated run,
/// and every party's in the LocalBaseline. Candidates come from plaintext histograms of the node's rows.
/// </summary>
internal sealed class LocalSplitParty(int party, int partyId, BinnedFeatures features, SecureBoostOptions options) : ISplitParty
{
    private readonly Dictionary<int, List<CandidateSplit>> _listed = [];
    private TreeJob _job = null!;
    private int[] _sampled = [];

    public int Party => party;

    public void BeginTree(TreeJob job)
    {
        _job = job;
        _sampled = Sampling.Features(options.Seed, partyId, job.Tree, features.FeatureCount, options.Colsample);
    }

    public Task<IReadOnlyList<GradientSums[]>> CandidatesAsync(TreeLayer layer, CancellationToken ct) => Task.Run(() =>
    {
        using var timing = PhaseTimer.Start(Phase.SplitSearch);
        _listed.Clear();
        return (IReadOnlyList<GradientSums[]>)[.. layer.Nodes.Select(Candidates)];
    }, ct);

    public Task<IReadOnlyList<SplitOutcome>> ApplyAsync(TreeLayer layer, IReadOnlyList<SplitChoice> choices, CancellationToken ct)
    {
        var nodes = layer.Nodes.ToDictionary(n => n.Node);
        IReadOnlyList<SplitOutcome> outcomes = [.. choices.Select(choice =>
        {
            // The list is in canonical order, so the first tie is the canonical pick.
            var split = _listed[choice.Node][choice.Candidates.Min()];
            var codes = features.Codes[split.Feature];
            var rule = new SplitRule(party, split.Feature, split.Bin, features.Threshold(split.Feature, split.Bin), split.DefaultLeft);
            return new SplitOutcome(rule, [.. nodes[choice.Node].Rows.Select(r => GoesLeft(split, codes[r]))]);
        })];
        return Task.FromResult(outcomes);
    }

    private bool GoesLeft(CandidateSplit split, byte code) => code == features.MissingCode ? split.DefaultLeft : code <= split.Bin;

    private GradientSums[] Candidates(LayerNode node)
    {
        var listed = _listed[node.Node] = [];
        var sums = new List<GradientSums>();
        var codeCount = features.CodeCount;
        var counts = new int[codeCount];
        var g = new Int128[codeCount];
        var h = new Int128[codeCount];
        var (qg, qh) = (_job.Quantized.G[_job.Output], _job.Quantized.H[_job.Output]);
        foreach (var f in _sampled)
        {
            Array.Clear(counts);
            Array.Clear(g);
            Array.Clear(h);
            var codes = features.Codes[f];
            foreach (var r in node.Rows)
            {
                var c = codes[r];
                counts[c]++;
                g[c] += qg[r];
                h[c] += qh[r];
            }
            var first = listed.Count;
            SplitCandidates.Enumerate(f, counts, features.BinCount(f), features.MissingCode, listed);
            for (var k = first; k < listed.Count; k++)
            {
                var split = listed[k];
                Int128 gl = 0, hl = 0;
                for (var b = 0; b <= split.Bin; b++)
                {
                    gl += g[b];
                    hl += h[b];
                }
                if (split.DefaultLeft)
                {
                    gl += g[features.MissingCode];
                    hl += h[features.MissingCode];
                }
                sums.Add(_job.Quantized.Decode(_job.Output, gl, hl));
            }
        }
        return [.. sums];
    }
}
