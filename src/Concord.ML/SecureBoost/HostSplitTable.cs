using System.Security.Cryptography;
using Concord.Crypto.Profiling;

namespace Concord.ML.SecureBoost;

/// <summary>
/// A host's binned features and its lookup table: the splits it won, each under an opaque id, with the feature and
/// threshold that never leave it. It partitions a node on a chosen split and answers prediction queries with
/// directions only.
/// </summary>
internal sealed class HostSplitTable
{
    private readonly Dictionary<long, HostSplit> _splits = [];
    private readonly HostBoostData _data;

    private HostSplitTable(HostBoostData data, BinnedFeatures bins)
    {
        _data = data;
        Bins = bins;
    }

    public BinnedFeatures Bins { get; }

    /// <summary>Bins the host's features and takes over a warm start's splits; an <see cref="ArgumentException"/> says why the host cannot train.</summary>
    public static HostSplitTable Prepare(int partyId, HostBoostData data, SecureBoostOptions options, HostLookupTable? warmStart)
    {
        options.Validate();
        var bins = BinnedFeatures.Fit(data.Features, options.MaxBin, $"host {partyId}");
        if (data.ValidateFeatures is NumericColumns validate)
        {
            data = data with { ValidateFeatures = validate.Select(data.Features.Names) };
        }
        var table = new HostSplitTable(data, bins);
        if (warmStart is not null)
        {
            if (!warmStart.Features.SequenceEqual(data.Features.Names))
            {
                throw new ArgumentException($"host {partyId}: the warm-start lookup table was trained on features {string.Join(", ", warmStart.Features)}, not {string.Join(", ", data.Features.Names)}");
            }
            warmStart.Splits.ForEach(s => table._splits[s.Id] = s);
        }
        return table;
    }

    /// <summary>Records each chosen split under a fresh opaque id and says which of its node's rows go left.</summary>
    public SplitPartitions Partition(IReadOnlyList<CommandNode> nodes, LayerCandidates layer, NodeChoices choices)
    {
        using var timing = PhaseTimer.Start(Phase.Partition);
        if (choices.Nodes.Length != choices.Candidates.Length)
        {
            throw new InvalidDataException($"the choices name {choices.Nodes.Length} nodes but {choices.Candidates.Length} candidates");
        }
        var rows = nodes.ToDictionary(n => n.Node, n => n.Rows);
        var ids = new long[choices.Nodes.Length];
        var masks = new byte[choices.Nodes.Length][];
        for (var i = 0; i < ids.Length; i++)
        {
            var node = choices.Nodes[i];
            var ties = choices.Candidates[i];
            if (!layer.Listed.TryGetValue(node, out var listed) || ties.Length == 0 || ties.Any(c => (uint)c >= (uint)listed.Length))
            {
                throw new InvalidDataException($"the guest chose candidates {string.Join(", ", ties)} of node {node}, which this host did not list");
            }
            // Equal gains are settled by the canonical order, as every party settles them, not by the shuffle.
            var split = ties.Select(c => listed[c]).MinBy(c => c.Canonical).Split;
            ids[i] = NewId();
            _splits[ids[i]] = new HostSplit(ids[i], Bins.Names[split.Feature], split.Feature, split.Bin, Bins.Threshold(split.Feature, split.Bin), split.DefaultLeft);
            var codes = Bins.Codes[split.Feature];
            masks[i] = BitMask.Pack([.. rows[node].Select(r => codes[r] == Bins.MissingCode ? split.DefaultLeft : codes[r] <= split.Bin)]);
        }
        return new SplitPartitions(ids, masks);
    }

    /// <summary>One bit per (split id, row) of the query: whether the row goes left.</summary>
    public byte[] Directions(HostCommand query) => HostDirections.Answer(_splits, query, query.Dataset == BoostDataset.Train
        ? _data.Features
        : _data.ValidateFeatures ?? throw new InvalidDataException("the guest asked about validation rows, but this host has no validation data"));

    /// <summary>The host's part of the final model: the splits its trees use (<paramref name="ids"/>, with their gains), and the importance of each feature.</summary>
    public (HostLookupTable Table, List<FeatureImportance> Importance) Keep(int partyId, long[] ids, double[] gains)
    {
        if (ids.Length != gains.Length || ids.Any(id => !_splits.ContainsKey(id)))
        {
            throw new InvalidDataException("the final split list names splits this host never made, or lacks their gains");
        }
        var kept = ids.Select(id => _splits[id]).ToList();
        var importance = kept.Zip(gains)
            .GroupBy(p => p.First.Feature)
            .Select(g => new FeatureImportance(g.Key, g.Count(), g.Sum(p => p.Second)))
            .OrderByDescending(i => i.Gain)
            .ToList();
        return (new HostLookupTable(partyId, [.. Bins.Names], kept), importance);
    }

    private long NewId()
    {
        while (true)
        {
            var id = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & long.MaxValue;
            if (!_splits.ContainsKey(id))
            {
                return id;
            }
        }
    }
}
