using Concord.Crypto.Vector;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using static Concord.ML.SecureBoost.SecureBoostProtocol;

namespace Concord.ML.SecureBoost;

/// <summary>
/// A host as the guest's tree grower sees it. Each exchange is one command in the next of this host's
/// <see cref="Runtime.TrainingLoop.Steps"/>: the host lists candidates as encrypted sums, which the guest decrypts; it hears
/// only of the nodes it won, and answers with the rows' directions, never with a threshold or a feature value.
/// </summary>
internal sealed class RemoteHost(FederationContext ctx, PartyRef id, int party, GradientCodec codec) : HostChannel(ctx, id), ISplitParty
{
    private TreeJob _job = null!;
    private PartyGroup _layer = null!;

    public int Party => party;

    public void BeginTree(TreeJob job) => _job = job;

    public async Task SendGradientsAsync(CipherVector ciphertexts, int[] rows, CancellationToken ct)
    {
        var step = Next();
        await step.Send(Command, new HostCommand(HostCommandKind.Gradients, Rows: rows), ct).ConfigureAwait(false);
        await step.Send(EncryptedGradients, ciphertexts, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<GradientSums[]>> CandidatesAsync(TreeLayer layer, CancellationToken ct)
    {
        _layer = Next();
        var nodes = layer.Nodes.Select(n => new CommandNode(n.Node, n.Parent, n.Rows)).ToList();
        await _layer.Send(Command, new HostCommand(HostCommandKind.Layer, layer.Tree, nodes), ct).ConfigureAwait(false);
        var counts = await _layer.Receive(CandidateCounts, ct).ConfigureAwait(false);
        try
        {
            if (counts.Length != nodes.Count)
            {
                throw new InvalidDataException($"it listed candidates for {counts.Length} nodes of a layer of {nodes.Count}");
            }
            var sums = await _layer.Receive(EncryptedSplitSums.Under(codec.PublicKey, count: codec.Ciphertexts(counts)), ct).ConfigureAwait(false);
            return codec.Decrypt(sums, counts, _job.Quantized, _job.Output);
        }
        catch (Exception ex) when (ex is InvalidDataException or OverflowException)
        {
            throw new FederationException($"host {Id}'s split sums are malformed: {ex.Message}", Id, ex);
        }
    }

    public async Task<IReadOnlyList<SplitOutcome>> ApplyAsync(TreeLayer layer, IReadOnlyList<SplitChoice> choices, CancellationToken ct)
    {
        await _layer.Send(SplitChoices, new NodeChoices([.. choices.Select(c => c.Node)], [.. choices.Select(c => c.Candidates)]), ct).ConfigureAwait(false);
        var partitions = await _layer.Receive(Partitions, ct).ConfigureAwait(false);
        if (partitions.SplitIds.Length != choices.Count || partitions.LeftMasks.Length != choices.Count)
        {
            throw new FederationException($"host {Id} answered {partitions.SplitIds.Length} of {choices.Count} chosen splits", Id);
        }
        var rows = layer.Nodes.ToDictionary(n => n.Node, n => n.Rows.Length);
        return [.. choices.Select((c, i) => new SplitOutcome(
            new SplitRule(party, -1, -1, double.NaN, false, partitions.SplitIds[i]),
            Unpack(partitions.LeftMasks[i], rows[c.Node], $"the partition of node {c.Node}")))];
    }

    /// <summary>Ends training at this host: the splits the final trees use (with their gains), so it keeps only those.</summary>
    public Task FinishAsync(long[] splitIds, double[] gains, CancellationToken ct) =>
        FinishAsync(new HostCommand(HostCommandKind.Finish, SplitIds: splitIds, Gains: gains), ct);
}
