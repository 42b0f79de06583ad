using Concord.Crypto.Profiling;
using Concord.Crypto.Vector;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using static Concord.ML.SecureBoost.SecureBoostProtocol;

namespace Concord.ML.SecureBoost;

/// <summary>
/// A host as the guest's tree grower sees it. Each exchange is one command in its own scope (step-0, step-1, … for this
/// host): the host lists candidates as encrypted sums, which the guest decrypts; it hears only of the nodes it won,
/// and answers with the rows' directions, never with a threshold or a feature value.
/// </summary>
internal sealed class RemoteHost(FederationContext ctx, PartyRef host, int party, GradientCodec codec, PhaseTimer times) : ISplitParty
{
    private int _step;
    private TreeJob _job = null!;
    private FederationContext _layer = null!;

    public int Party => party;

    public PartyRef Id => host;

    public void BeginTree(TreeJob job) => _job = job;

    public async Task SendGradientsAsync(byte[] ciphertexts, int[] rows, CancellationToken ct)
    {
        var step = Next();
        await Send(step, Command, new HostCommand(HostCommandKind.Gradients, Rows: rows), ct).ConfigureAwait(false);
        await Send(step, EncryptedGradients, ciphertexts, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<GradientSums[]>> CandidatesAsync(TreeLayer layer, CancellationToken ct)
    {
        _layer = Next();
        var nodes = layer.Nodes.Select(n => new CommandNode(n.Node, n.Parent, n.Rows)).ToList();
        await Send(_layer, Command, new HostCommand(HostCommandKind.Layer, layer.Tree, nodes), ct).ConfigureAwait(false);
        var counts = await Receive(_layer, CandidateCounts, ct).ConfigureAwait(false);
        var bytes = await Receive(_layer, EncryptedSplitSums, ct).ConfigureAwait(false);
        if (counts.Length != nodes.Count || counts.Any(c => c < 0))
        {
            throw new FederationException($"host {host} listed candidates for {counts.Length} nodes of a layer of {nodes.Count}", host);
        }
        using var _ = times.Measure(Phase.Decrypt);
        try
        {
            var packed = CipherVector.FromBytes(codec.PublicKey, bytes, $"\"{EncryptedSplitSums.Name}\" from host {host}");
            times.Count(Operation.Decryptions, packed.Count);
            return codec.Decrypt(packed, counts, _job.Quantized, _job.Output, $"host {host}");
        }
        catch (Exception ex) when (ex is InvalidDataException or Crypto.Paillier.InvalidCiphertextException or OverflowException)
        {
            throw new FederationException($"host {host}'s split sums are malformed: {ex.Message}", host, ex);
        }
    }

    public async Task<IReadOnlyList<SplitOutcome>> ApplyAsync(TreeLayer layer, IReadOnlyList<SplitChoice> choices, CancellationToken ct)
    {
        await Send(_layer, SplitChoices, new NodeChoices([.. choices.Select(c => c.Node)], [.. choices.Select(c => c.Candidates)]), ct).ConfigureAwait(false);
        var partitions = await Receive(_layer, Partitions, ct).ConfigureAwait(false);
        if (partitions.SplitIds.Length != choices.Count || partitions.LeftMasks.Length != choices.Count)
        {
            throw new FederationException($"host {host} answered {partitions.SplitIds.Length} of {choices.Count} chosen splits", host);
        }
        var rows = layer.Nodes.ToDictionary(n => n.Node, n => n.Rows.Length);
        return [.. choices.Select((c, i) => new SplitOutcome(
            new SplitRule(party, -1, -1, double.NaN, false, partitions.SplitIds[i]),
            Unpack(partitions.LeftMasks[i], rows[c.Node], $"the partition of node {c.Node}")))];
    }

    /// <summary>For each (split, row) of the dataset, whether the row goes left, in one query.</summary>
    public async Task<bool[]> DirectionsAsync(BoostDataset dataset, IReadOnlyList<(SplitRule Rule, int Row)> queries, CancellationToken ct)
    {
        var step = Next();
        var command = new HostCommand(HostCommandKind.Predict, Dataset: dataset, SplitIds: [.. queries.Select(q => q.Rule.SplitId)], Rows: [.. queries.Select(q => q.Row)]);
        await Send(step, Command, command, ct).ConfigureAwait(false);
        return Unpack(await Receive(step, Directions, ct).ConfigureAwait(false), queries.Count, "the split directions");
    }

    /// <summary>Ends training at this host: the splits the final trees use (with their gains), so it keeps only those.</summary>
    public Task FinishAsync(long[] splitIds, double[] gains, CancellationToken ct) =>
        Send(Next(), Command, new HostCommand(HostCommandKind.Finish, SplitIds: splitIds, Gains: gains), ct);

    private FederationContext Next() => ctx.Sub($"step-{_step++}");

    private Task Send<T>(FederationContext step, Federation.Messaging.Tag<T> tag, T value, CancellationToken ct) =>
        times.TimeAsync(Phase.Transport, () => step.Group([host]).Send(tag, value, ct));

    private Task<T> Receive<T>(FederationContext step, Federation.Messaging.Tag<T> tag, CancellationToken ct) =>
        times.TimeAsync(Phase.Transport, () => step.Group([host]).Receive(tag, ct));

    private bool[] Unpack(byte[] mask, int count, string what)
    {
        try
        {
            return BitMask.Unpack(mask, count, what);
        }
        catch (InvalidDataException ex)
        {
            throw new FederationException($"host {host}: {ex.Message}", host, ex);
        }
    }
}
