namespace Concord.ML.SecureBoost;

/// <summary>The guest's own features in plaintext and the hosts behind the federation, as the boosting loop sees them.</summary>
internal sealed class GuestParties(LocalSplitParty guest, List<RemoteHost> hosts, GradientCodec codec, GuestBoostData data, SecureBoostOptions options) : IBoostingParties
{
    public IReadOnlyList<ISplitParty> Splitters { get; } = [guest, .. hosts];

    /// <summary>Sends the round's encrypted gradients to every host, unless the round is the guest's alone.</summary>
    public async Task BeginRoundAsync(int round, QuantizedGradients gradients, int[] rows, CancellationToken ct)
    {
        if (!options.HostsTakePart(round))
        {
            return;
        }
        var ciphertexts = codec.Encrypt(gradients, rows);
        await Task.WhenAll(hosts.Select(host => host.SendGradientsAsync(ciphertexts, rows, ct))).ConfigureAwait(false);
    }

    public Task<bool[]> DirectionsAsync(BoostDataset dataset, int party, IReadOnlyList<(SplitRule Rule, int Row)> queries, CancellationToken ct)
    {
        if (party > 0)
        {
            return hosts[party - 1].DirectionsAsync(dataset, queries, ct);
        }
        var columns = dataset == BoostDataset.Train ? data.Features : data.ValidateFeatures!;
        return TreeWalker.OwnDirections(columns, queries);
    }

    /// <summary>The labels and the scores boosting starts from: the base scores, plus a warm start's trees.</summary>
    public async Task<BoostStart> StartAsync(double[] baseScores, SecureBoostModel? warmStart, CancellationToken ct) => new(
        data.Labels,
        await ScoresAsync(baseScores, warmStart, BoostDataset.Train, data.Labels.Length, ct).ConfigureAwait(false),
        data.ValidateLabels,
        data.ValidateLabels is null ? null : await ScoresAsync(baseScores, warmStart, BoostDataset.Validate, data.ValidateLabels.Length, ct).ConfigureAwait(false));

    /// <summary>Ends training at every host, telling each the splits of its own that the final trees use, with their gains.</summary>
    public Task FinishAsync(List<BoostTree> trees, CancellationToken ct) => Task.WhenAll(hosts.Select(h =>
    {
        var splits = trees.SelectMany(t => t.Nodes).Where(n => n.Split?.Party == h.Party).ToList();
        return h.FinishAsync([.. splits.Select(n => n.Split!.SplitId)], [.. splits.Select(n => n.Gain)], ct);
    }));

    private Task<double[][]> ScoresAsync(double[] baseScores, SecureBoostModel? warmStart, BoostDataset dataset, int rows, CancellationToken ct) =>
        TreeWalker.ScoresAsync(warmStart?.Trees ?? [], baseScores, rows, (p, q, c) => DirectionsAsync(dataset, p, q, c), ct);
}
