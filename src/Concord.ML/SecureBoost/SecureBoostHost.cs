using System.Security.Cryptography;
using Concord.Crypto.Packing;
using Concord.Crypto.Paillier;
using Concord.Crypto.Profiling;
using Concord.Crypto.Vector;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.HeteroLinear;
using static Concord.ML.SecureBoost.SecureBoostProtocol;

namespace Concord.ML.SecureBoost;

/// <summary>
/// A host of Hetero SecureBoost. It bins its own features (the cut points stay here), then follows the guest's
/// commands: it takes each round's encrypted gradients, builds encrypted histograms for the nodes of each layer and
/// sends their candidates' sums, and for the nodes it wins records the split in its lookup table under an opaque id
/// and returns only the partition of the node's rows. It answers prediction queries with directions, and never sees a
/// gradient, a label or a score in plaintext.
/// </summary>
public sealed class SecureBoostHost(FederationContext ctx, SecureBoostOptions options, Action<string>? log = null)
{
    private readonly PhaseTimer _times = new();
    private readonly Dictionary<long, HostSplit> _splits = [];
    private HostBoostData _data = null!;
    private BinnedFeatures _bins = null!;

    public async Task<SecureBoostHostResult> FitAsync(HostBoostData data, HostLookupTable? warmStart = null, CancellationToken ct = default)
    {
        _data = data;
        var hello = Prepare(data, warmStart);
        await ctx.Guest.Send(Hello, hello, ct).ConfigureAwait(false);
        if (hello.Rejection is string reason)
        {
            throw new ArgumentException(reason);
        }
        var setup = await _times.TimeAsync(Phase.Transport, () => ctx.Guest.Receive(Setup, ct)).ConfigureAwait(false);
        if (setup.Rejection is string rejection)
        {
            throw new FederationException($"the guest stopped training: {rejection}", ctx.Roster.Guest);
        }
        var histograms = Histograms(setup);
        for (var step = 0; ; step++)
        {
            var scope = ctx.Sub($"step-{step}");
            var command = await _times.TimeAsync(Phase.Transport, () => scope.Guest.Receive(Command, ct)).ConfigureAwait(false);
            switch (command.Kind)
            {
                case HostCommandKind.Gradients:
                    var bytes = await _times.TimeAsync(Phase.Transport, () => scope.Guest.Receive(EncryptedGradients, ct)).ConfigureAwait(false);
                    Guard(() => histograms.SetGradients(CipherVector.FromBytes(histograms.PublicKey, bytes, $"\"{EncryptedGradients.Name}\""), command.Rows ?? []));
                    break;
                case HostCommandKind.Layer:
                    await LayerAsync(scope, histograms, command, ct).ConfigureAwait(false);
                    break;
                case HostCommandKind.Predict:
                    await scope.Guest.Send(Directions, Guard(() => PredictDirections(command)), ct).ConfigureAwait(false);
                    break;
                case HostCommandKind.Finish:
                    return Finish(command);
                default:
                    throw new FederationException($"the guest sent an unknown command {command.Kind}", ctx.Roster.Guest);
            }
        }
    }

    private HostHello Prepare(HostBoostData data, HostLookupTable? warmStart)
    {
        try
        {
            options.Validate();
            _bins = BinnedFeatures.Fit(data.Features, options.MaxBin, $"host {ctx.Self.Id}");
            if (data.ValidateFeatures is NumericColumns validate)
            {
                _data = data with { ValidateFeatures = validate.Select(data.Features.Names) };
            }
            if (warmStart is not null)
            {
                if (!warmStart.Features.SequenceEqual(data.Features.Names))
                {
                    throw new ArgumentException($"host {ctx.Self.Id}: the warm-start lookup table was trained on features {string.Join(", ", warmStart.Features)}, not {string.Join(", ", data.Features.Names)}");
                }
                warmStart.Splits.ForEach(s => _splits[s.Id] = s);
            }
            return new HostHello(AlignedIds.Digest(data.Ids), data.ValidateIds is { } v ? AlignedIds.Digest(v) : null, data.Features.ColumnCount, warmStart?.Splits.Count ?? -1, null);
        }
        catch (ArgumentException ex)
        {
            return new HostHello([], null, data.Features.ColumnCount, -1, ex.Message);
        }
    }

    private EncryptedHistograms Histograms(BoostSetup setup) => Guard(() =>
    {
        var key = PaillierPublicKey.FromBytes(setup.PublicKey ?? throw new InvalidDataException("the setup carries no public key"));
        var packing = new SignedPacking(key.Bits - 1, setup.ValueBits, setup.MaxTerms);
        if (setup.SlotsPerRow < 2 || setup.CandidatesPerCiphertext < 1 || (long)setup.SlotsPerRow * setup.CandidatesPerCiphertext > packing.SlotsPerPlaintext)
        {
            throw new InvalidDataException($"{setup.CandidatesPerCiphertext} candidates of {setup.SlotsPerRow} slots do not fit the {packing.SlotsPerPlaintext} slots of a plaintext");
        }
        return new EncryptedHistograms(_bins, key, packing, setup.SlotsPerRow, setup.CandidatesPerCiphertext, options, ctx.Self.Id, _times);
    });

    private async Task LayerAsync(FederationContext scope, EncryptedHistograms histograms, HostCommand command, CancellationToken ct)
    {
        var nodes = command.Nodes ?? throw new FederationException("a layer command lists no nodes", ctx.Roster.Guest);
        LayerCandidates layer;
        using (_times.Measure(Phase.Histogram))
        {
            layer = Guard(() => histograms.Layer(command.Tree, nodes));
        }
        await scope.Guest.Send(CandidateCounts, layer.Counts, ct).ConfigureAwait(false);
        await scope.Guest.Send(EncryptedSplitSums, layer.Sums.ToBytes(), ct).ConfigureAwait(false);
        var choices = await _times.TimeAsync(Phase.Transport, () => scope.Guest.Receive(SplitChoices, ct)).ConfigureAwait(false);
        using (_times.Measure(Phase.Partition))
        {
            var partitions = Guard(() => Partition(nodes, layer, choices));
            await scope.Guest.Send(Partitions, partitions, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Records each chosen split under a fresh opaque id and says which of its node's rows go left.</summary>
    private SplitPartitions Partition(IReadOnlyList<CommandNode> nodes, LayerCandidates layer, NodeChoices choices)
    {
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
            _splits[ids[i]] = new HostSplit(ids[i], _bins.Names[split.Feature], split.Feature, split.Bin, _bins.Threshold(split.Feature, split.Bin), split.DefaultLeft);
            var codes = _bins.Codes[split.Feature];
            masks[i] = BitMask.Pack([.. rows[node].Select(r => codes[r] == _bins.MissingCode ? split.DefaultLeft : codes[r] <= split.Bin)]);
        }
        return new SplitPartitions(ids, masks);
    }

    private byte[] PredictDirections(HostCommand command)
    {
        using var _ = _times.Measure(Phase.Partition);
        var ids = command.SplitIds ?? [];
        var rows = command.Rows ?? [];
        if (ids.Length != rows.Length)
        {
            throw new InvalidDataException($"a prediction query names {ids.Length} splits for {rows.Length} rows");
        }
        var columns = command.Dataset == BoostDataset.Train
            ? _data.Features
            : _data.ValidateFeatures ?? throw new InvalidDataException("the guest asked about validation rows, but this host has no validation data");
        var left = new bool[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            if (!_splits.TryGetValue(ids[i], out var split))
            {
                throw new InvalidDataException($"the guest asked about split {ids[i]}, which this host never made");
            }
            if ((uint)rows[i] >= (uint)columns.RowCount)
            {
                throw new InvalidDataException($"the guest asked about row {rows[i]} of {columns.RowCount}");
            }
            var value = columns[split.FeatureIndex][rows[i]];
            left[i] = double.IsNaN(value) ? split.DefaultLeft : value <= split.Threshold;
        }
        return BitMask.Pack(left);
    }

    private SecureBoostHostResult Finish(HostCommand command)
    {
        var ids = command.SplitIds ?? [];
        var gains = command.Gains ?? [];
        if (ids.Length != gains.Length || ids.Any(id => !_splits.ContainsKey(id)))
        {
            throw new FederationException("the guest's final split list names splits this host never made, or lacks their gains", ctx.Roster.Guest);
        }
        _times.Stop();
        var kept = ids.Select(id => _splits[id]).ToList();
        var importance = kept.Zip(gains)
            .GroupBy(p => p.First.Feature)
            .Select(g => new FeatureImportance(g.Key, g.Count(), g.Sum(p => p.Second)))
            .OrderByDescending(i => i.Gain)
            .ToList();
        log?.Invoke($"the final trees use {kept.Count} of this host's splits");
        return new SecureBoostHostResult(new HostLookupTable(ctx.Self.Id, [.. _bins.Names], kept), importance, _times);
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

    /// <summary>Runs a step on what the guest sent, turning a malformed message into an error that names the guest.</summary>
    private T Guard<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception ex) when (ex is InvalidDataException or Crypto.Paillier.InvalidCiphertextException or ArgumentException)
        {
            throw new FederationException($"host {ctx.Self.Id}: the guest's message cannot be used: {ex.Message}", ctx.Roster.Guest, ex);
        }
    }

    private void Guard(Action step) => Guard(() =>
    {
        step();
        return 0;
    });
}
