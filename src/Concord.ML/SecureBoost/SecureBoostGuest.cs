using Concord.Crypto.Paillier;
using Concord.Crypto.Profiling;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.HeteroLinear;
using Concord.ML.LocalBaseline;
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
    private readonly PhaseTimer _times = new();
    private readonly Objective _objective = new(options);

    public async Task<SecureBoostGuestResult> FitAsync(GuestBoostData data, SecureBoostModel? warmStart = null, CancellationToken ct = default)
    {
        var hellos = await _times.TimeAsync(Phase.Transport, () => ctx.Hosts.ReceiveAll(Hello, ct)).ConfigureAwait(false);
        BinnedFeatures bins;
        try
        {
            (bins, data) = Prepare(data, hellos, warmStart);
        }
        catch (Exception ex) when (ex is ArgumentException or FederationException)
        {
            await ctx.Hosts.Send(Setup, new BoostSetup(null, 0, 0, 0, 0, ex.Message), ct).ConfigureAwait(false);
            throw;
        }
        var keys = PaillierKeyGenerator.Generate(options.KeyBits);
        var codec = new GradientCodec(keys, options.Outputs, data.Ids.Count, options.PackCandidates);
        log?.Invoke($"{options.KeyBits}-bit Paillier key; {codec.Packing}, {codec.SlotsPerRow} per row, {codec.CandidatesPerCiphertext} candidates per ciphertext");
        await ctx.Hosts.Send(Setup, codec.Setup, ct).ConfigureAwait(false);

        var hosts = ctx.Roster.Hosts.Select((h, i) => new RemoteHost(ctx, h, i + 1, codec, _times)).ToList();
        var parties = new GuestParties(new LocalSplitParty(0, ctx.Self.Id, bins, options, _times), hosts, codec, data, options, _times);
        var baseScores = warmStart?.BaseScores ?? _objective.InitialScores(data.Labels);
        var start = new BoostStart(
            data.Labels,
            await StartingScoresAsync(parties, baseScores, warmStart, BoostDataset.Train, data.Labels.Length, ct).ConfigureAwait(false),
            data.ValidateLabels,
            data.ValidateLabels is null ? null : await StartingScoresAsync(parties, baseScores, warmStart, BoostDataset.Validate, data.ValidateLabels.Length, ct).ConfigureAwait(false));
        var outcome = await new BoostingLoop(options, parties, log).RunAsync(start, ct).ConfigureAwait(false);

        List<BoostTree> trees = [.. warmStart?.Trees ?? [], .. outcome.Trees];
        await Task.WhenAll(hosts.Select(h =>
        {
            var splits = trees.SelectMany(t => t.Nodes).Where(n => n.Split?.Party == h.Party).ToList();
            return h.FinishAsync([.. splits.Select(n => n.Split!.SplitId)], [.. splits.Select(n => n.Gain)], ct);
        })).ConfigureAwait(false);
        _times.Stop();
        var model = new SecureBoostModel(options.Objective, options.NumClasses, options.LearningRate, baseScores, [.. bins.Names], [.. ctx.Roster.HostIds], trees);
        return new SecureBoostGuestResult(
            model, _objective.Predict(outcome.Scores), outcome.TrainLoss, outcome.ValidateLoss, _objective.LossName, outcome.Rounds, Importance(trees, bins), _times);
    }

    private (BinnedFeatures, GuestBoostData) Prepare(GuestBoostData data, IReadOnlyList<HostHello> hellos, SecureBoostModel? warmStart)
    {
        if (ctx.Roster.Hosts.Count == 0)
        {
            throw new ArgumentException("SecureBoost needs at least one host");
        }
        for (var h = 0; h < hellos.Count; h++)
        {
            if (hellos[h].Rejection is string reason)
            {
                throw new FederationException($"host {ctx.Roster.Hosts[h]} cannot train: {reason}", ctx.Roster.Hosts[h]);
            }
        }
        options.Validate();
        _objective.CheckLabels(data.Labels, data.LabelName);
        if (data.Features.RowCount != data.Labels.Length || data.Ids.Count != data.Labels.Length)
        {
            throw new ArgumentException($"the guest has {data.Ids.Count} ids, {data.Features.RowCount} feature rows and {data.Labels.Length} labels");
        }
        RequireAligned(hellos, AlignedIds.Digest(data.Ids), h => h.TrainDigest, "training");
        if (data.ValidateFeatures is NumericColumns validate)
        {
            _objective.CheckLabels(data.ValidateLabels ?? throw new ArgumentException("the validation data has no labels"), data.LabelName);
            RequireAligned(hellos, AlignedIds.Digest(data.ValidateIds ?? []), h => h.ValidateDigest, "validation");
            data = data with { ValidateFeatures = validate.Select(data.Features.Names) };
        }
        else if (options.EarlyStoppingRounds > 0)
        {
            throw new ArgumentException($"early_stopping_rounds is {options.EarlyStoppingRounds}, but there is no validation data to stop on; connect validate_data");
        }
        if (warmStart is not null)
        {
            RequireWarmStart(warmStart, data, hellos);
        }
        return (BinnedFeatures.Fit(data.Features, options.MaxBin, $"guest {ctx.Self.Id}"), data);
    }

    private void RequireAligned(IReadOnlyList<HostHello> hellos, byte[] own, Func<HostHello, byte[]?> digest, string what)
    {
        for (var h = 0; h < hellos.Count; h++)
        {
            if (digest(hellos[h]) is not byte[] theirs || !theirs.AsSpan().SequenceEqual(own))
            {
                throw new ArgumentException(
                    $"host {ctx.Roster.Hosts[h]}'s {what} rows are not aligned with the guest's (their ordered id lists differ, or one side has none); put a psi component in front of the model");
            }
        }
    }

    private void RequireWarmStart(SecureBoostModel warm, GuestBoostData data, IReadOnlyList<HostHello> hellos)
    {
        if (warm.Objective != options.Objective || warm.Outputs != options.Outputs)
        {
            throw new ArgumentException($"the warm-start model fits {warm.Objective} with {warm.Outputs} output(s); this job asks for {options.Objective} with {options.Outputs}");
        }
        if (!warm.GuestFeatures.SequenceEqual(data.Features.Names))
        {
            throw new ArgumentException($"the warm-start model was trained on guest features {string.Join(", ", warm.GuestFeatures)}, not {string.Join(", ", data.Features.Names)}");
        }
        if (!warm.HostParties.SequenceEqual(ctx.Roster.HostIds))
        {
            throw new ArgumentException($"the warm-start model was trained with hosts {string.Join(", ", warm.HostParties)}, not {string.Join(", ", ctx.Roster.HostIds)}");
        }
        for (var h = 0; h < hellos.Count; h++)
        {
            if (hellos[h].WarmStartSplits < 0)
            {
                throw new ArgumentException($"host {ctx.Roster.Hosts[h]} has no warm-start lookup table; connect its part of the model to warm_start_model too");
            }
        }
    }

    private static async Task<double[][]> StartingScoresAsync(
        GuestParties parties, double[] baseScores, SecureBoostModel? warmStart, BoostDataset dataset, int rows, CancellationToken ct)
    {
        var scores = LocalSecureBoostTrainer.Constant(baseScores, rows);
        if (warmStart is null || warmStart.Trees.Count == 0)
        {
            return scores;
        }
        var all = Enumerable.Range(0, rows).ToArray();
        var weights = await TreeWalker.LeafWeightsAsync(warmStart.Trees, all, (p, q, c) => parties.DirectionsAsync(dataset, p, q, c), ct).ConfigureAwait(false);
        for (var t = 0; t < warmStart.Trees.Count; t++)
        {
            for (var i = 0; i < rows; i++)
            {
                scores[warmStart.Trees[t].Output][i] += weights[t][i];
            }
        }
        return scores;
    }

    /// <summary>The guest's own features by name; each host's splits only as a total, since the guest never learns which of its features they use.</summary>
    private IReadOnlyList<FeatureImportance> Importance(List<BoostTree> trees, BinnedFeatures bins) =>
        [.. trees.SelectMany(t => t.Nodes).Where(n => n.Split is not null)
            .GroupBy(n => n.Split!.Party == 0 ? bins.Names[n.Split.Feature] : $"host {ctx.Roster.HostIds[n.Split.Party - 1]} (all features)")
            .Select(g => new FeatureImportance(g.Key, g.Count(), g.Sum(n => n.Gain)))
            .OrderByDescending(i => i.Gain)];

    /// <summary>The guest's own features in plaintext and the hosts behind the federation, as the boosting loop sees them.</summary>
    private sealed class GuestParties(
        LocalSplitParty guest, List<RemoteHost> hosts, GradientCodec codec, GuestBoostData data, SecureBoostOptions options, PhaseTimer times) : IBoostingParties
    {
        public IReadOnlyList<ISplitParty> Splitters { get; } = [guest, .. hosts];

        public async Task BeginRoundAsync(int round, QuantizedGradients gradients, int[] rows, CancellationToken ct)
        {
            if (!options.HostsTakePart(round))
            {
                return;
            }
            byte[] bytes;
            using (times.Measure(Phase.Encrypt))
            {
                bytes = codec.Encrypt(gradients, rows).ToBytes();
                times.Count(Operation.Encryptions, rows.Length);
            }
            await Task.WhenAll(hosts.Select(host => host.SendGradientsAsync(bytes, rows, ct))).ConfigureAwait(false);
        }

        public Task<bool[]> DirectionsAsync(BoostDataset dataset, int party, IReadOnlyList<(SplitRule Rule, int Row)> queries, CancellationToken ct)
        {
            if (party > 0)
            {
                return hosts[party - 1].DirectionsAsync(dataset, queries, ct);
            }
            var columns = dataset == BoostDataset.Train ? data.Features : data.ValidateFeatures!;
            return Task.FromResult(queries.Select(q => q.Rule.GoesLeft(columns[q.Rule.Feature][q.Row])).ToArray());
        }
    }
}
