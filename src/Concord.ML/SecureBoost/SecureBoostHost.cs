using System.Diagnostics;
using Concord.Crypto.Profiling;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.HeteroLinear;
using Concord.ML.Runtime;
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
    /// <summary>Where this host's time went, for the component's metrics and the benchmark's breakdown.</summary>
    public PhaseTimer Timings { get; } = new();

    public async Task<SecureBoostHostResult> FitAsync(HostBoostData data, HostLookupTable? warmStart = null, CancellationToken ct = default)
    {
        using var timing = Timings.Install();
        HostSplitTable table;
        try
        {
            table = HostSplitTable.Prepare(ctx.Self.Id, data, options, warmStart);
        }
        catch (ArgumentException ex)
        {
            await ctx.Guest.Send(Hello, new HostHello([], null, data.Features.ColumnCount, -1, ex.Message), ct).ConfigureAwait(false);
            throw;
        }
        var validateDigest = data.ValidateIds is { } v ? AlignedIds.Digest(v) : null;
        await ctx.Guest.Send(Hello, new HostHello(AlignedIds.Digest(data.Ids), validateDigest, data.Features.ColumnCount, warmStart?.Splits.Count ?? -1, null), ct).ConfigureAwait(false);
        var setup = await ctx.Guest.Receive(Setup, ct).ConfigureAwait(false);
        if (setup.Rejection is string rejection)
        {
            throw new FederationException($"the guest stopped training: {rejection}", ctx.Roster.Guest);
        }
        var histograms = Guard(() => EncryptedHistograms.For(setup, table.Bins, options, ctx.Self.Id));

        foreach (var step in ctx.Steps())
        {
            var command = await step.Guest.Receive(Command, ct).ConfigureAwait(false);
            switch (command.Kind)
            {
                case HostCommandKind.Gradients:
                    var rows = command.Rows ?? [];
                    var gradients = await step.Guest.Receive(EncryptedGradients.Under(histograms.PublicKey, count: rows.Length), ct).ConfigureAwait(false);
                    Guard(() => histograms.SetGradients(gradients, rows));
                    break;
                case HostCommandKind.Layer:
                    var nodes = command.Nodes ?? throw new FederationException("a layer command lists no nodes", ctx.Roster.Guest);
                    var layer = Guard(() => histograms.Layer(command.Tree, nodes));
                    await step.Guest.Send(CandidateCounts, layer.Counts, ct).ConfigureAwait(false);
                    await step.Guest.Send(EncryptedSplitSums, layer.Sums, ct).ConfigureAwait(false);
                    var choices = await step.Guest.Receive(SplitChoices, ct).ConfigureAwait(false);
                    await step.Guest.Send(Partitions, Guard(() => table.Partition(nodes, layer, choices)), ct).ConfigureAwait(false);
                    break;
                case HostCommandKind.Predict:
                    await step.Guest.Send(Directions, Guard(() => table.Directions(command)), ct).ConfigureAwait(false);
                    break;
                case HostCommandKind.Finish:
                    var (model, importance) = Guard(() => table.Keep(ctx.Self.Id, command.SplitIds ?? [], command.Gains ?? []));
                    log?.Invoke($"the final trees use {model.Splits.Count} of this host's splits");
                    return new SecureBoostHostResult(model, importance, Timings);
                default:
                    throw new FederationException($"the guest sent an unknown command {command.Kind}", ctx.Roster.Guest);
            }
        }
        throw new UnreachableException("the steps never end");
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
