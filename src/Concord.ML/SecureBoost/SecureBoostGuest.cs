using Concord.Crypto.Paillier;
using Concord.Crypto.Profiling;
using Concord.Federation;
using Concord.Federation.Context;
using static Concord.ML.SecureBoost.SecureBoostProtocol;

namespace Concord.ML.SecureBoost;

/// <summary>
/// The guest of Hetero SecureBoost: it holds the labels and the Paillier key. Each round it encrypts every row's
/// gradients and hessians (packed into one plaintext) for the hosts, grows the trees layer by layer from its own
/// plaintext histograms and the hosts' decrypted candidate sums, and asks the winner of each node for the partition.
/// It never receives a host's feature value or threshold: a host's split is an opaque id in the guest's trees.
/// </summary>
public sealed class SecureBoostGuest(FederationContext ctx, SecureBoostOptions options, Action<string>? log = null)
{
    private readonly Objective _objective = new(options);

    /// <summary>Where the guest's time went, for the component's metrics and the benchmark's breakdown.</summary>
    public PhaseTimer Timings { get; } = new();

    public async Task<SecureBoostGuestResult> FitAsync(GuestBoostData data, SecureBoostModel? warmStart = null, CancellationToken ct = default)
    {
        using var timing = Timings.Install();
        var hellos = await ctx.Hosts.ReceiveAll(Hello, ct).ConfigureAwait(false);
        BinnedFeatures bins;
        try
        {
            (bins, data) = new GuestPreconditions(ctx, options, _objective).Prepare(data, hellos, warmStart);
        }
        catch (Exception ex) when (ex is ArgumentException or FederationException)
        {
            await ctx.Hosts.Send(Setup, new BoostSetup(null, 0, 0, 0, 0, ex.Message), ct).ConfigureAwait(false);
            throw;
        }
        var codec = new GradientCodec(PaillierKeyGenerator.Generate(options.KeyBits), options.Outputs, data.Ids.Count, options.PackCandidates);
        log?.Invoke($"{options.KeyBits}-bit Paillier key; {codec.Packing}, {codec.SlotsPerRow} per row, {codec.CandidatesPerCiphertext} candidates per ciphertext");
        await ctx.Hosts.Send(Setup, codec.Setup, ct).ConfigureAwait(false);

        var hosts = ctx.Roster.Hosts.Select((h, i) => new RemoteHost(ctx, h, i + 1, codec)).ToList();
        var parties = new GuestParties(new LocalSplitParty(0, ctx.Self.Id, bins, options), hosts, codec, data, options);
        var baseScores = warmStart?.BaseScores ?? _objective.InitialScores(data.Labels);
        var start = await parties.StartAsync(baseScores, warmStart, ct).ConfigureAwait(false);
        var outcome = await new BoostingLoop(options, parties, log).RunAsync(start, ct).ConfigureAwait(false);

        List<BoostTree> trees = [.. warmStart?.Trees ?? [], .. outcome.Trees];
        await parties.FinishAsync(trees, ct).ConfigureAwait(false);
        var model = new SecureBoostModel(options.Objective, options.NumClasses, options.LearningRate, baseScores, [.. bins.Names], [.. ctx.Roster.HostIds], trees);
        return new SecureBoostGuestResult(
            model, _objective.Predict(outcome.Scores), outcome.TrainLoss, outcome.ValidateLoss, _objective.LossName, outcome.Rounds, Importance(trees, bins), Timings,
            outcome.Validation, outcome.BestRound);
    }

    /// <summary>The guest's own features by name; each host's splits only as a total, since the guest never learns which of its features they use.</summary>
    private IReadOnlyList<FeatureImportance> Importance(List<BoostTree> trees, BinnedFeatures bins) =>
        [.. trees.SelectMany(t => t.Nodes).Where(n => n.Split is not null)
            .GroupBy(n => n.Split!.Party == 0 ? bins.Names[n.Split.Feature] : $"host {ctx.Roster.HostIds[n.Split.Party - 1]} (all features)")
            .Select(g => new FeatureImportance(g.Key, g.Count(), g.Sum(n => n.Gain)))
            .OrderByDescending(i => i.Gain)];
}
