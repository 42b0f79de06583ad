using Concord.ML.SecureBoost;

namespace Concord.ML.Serving;

/// <summary>
/// A SecureBoost model online: the guest walks every tree itself, reading a host's splits from the bits that host
/// sent for the row (one per split of its lookup table, in the order it reported when the deployment loaded).
/// </summary>
public sealed class BoostGuestScorer : GuestScorer
{
    private readonly SecureBoostModel _model;
    private readonly int[] _hosts;
    private readonly Dictionary<long, int>[] _bitOf;
    private readonly int[] _widths;

    /// <param name="hostSplits">Per host of <paramref name="hosts"/>, the split ids of its lookup table in its order.</param>
    public BoostGuestScorer(SecureBoostModel model, IReadOnlyList<int> hosts, IReadOnlyList<long[]> hostSplits)
    {
        if (!model.HostParties.Order().SequenceEqual(hosts.Order()))
        {
            throw new ArgumentException($"the model was trained with host(s) {string.Join(", ", model.HostParties)}, and the deployment names {string.Join(", ", hosts)}");
        }
        // The trees name hosts by their position in training's roster (1, 2, ...), so the deployment keeps that order.
        _hosts = [.. model.HostParties];
        var splitsOf = hosts.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => hostSplits[p.i]);
        _bitOf = [.. _hosts.Select(h => splitsOf[h].Select((id, bit) => (id, bit)).ToDictionary(p => p.id, p => p.bit))];
        _widths = [.. _hosts.Select(h => (splitsOf[h].Length + 7) / 8)];
        foreach (var node in model.Trees.SelectMany(t => t.Nodes))
        {
            if (node.Split is { Party: > 0 } split && (split.Party > _hosts.Length || !_bitOf[split.Party - 1].ContainsKey(split.SplitId)))
            {
                var party = split.Party <= _hosts.Length ? $"party {_hosts[split.Party - 1]}" : $"host number {split.Party}";
                throw new ArgumentException($"the guest's trees use split {split.SplitId} of {party}, whose lookup table does not hold it; deploy shares of one training");
            }
        }
        _model = model;
    }

    public override IReadOnlyList<string> Features => _model.GuestFeatures;

    public override bool AcceptsMissing => true;

    public override int Outputs => _model.Outputs;

    public override IReadOnlyList<int> Hosts => _hosts;

    public override int AnswerWidth(int host) => _widths[host];

    public override double[][] Score(NumericColumns guest, IReadOnlyList<byte[]> answers)
    {
        CheckLengths(guest.RowCount, answers);
        var scores = TreeWalker.ScoresAsync(_model.Trees, _model.BaseScores, guest.RowCount, (party, queries, _) => party == 0
            ? TreeWalker.OwnDirections(guest, queries)
            : Task.FromResult(queries.Select(q => HostBit(party - 1, answers[party - 1], q.Rule.SplitId, q.Row)).ToArray()), CancellationToken.None);
        // Every direction is at hand, so the walk completes synchronously.
        return new Objective(new SecureBoostOptions { Objective = _model.Objective, NumClasses = _model.NumClasses }).Predict(scores.GetAwaiter().GetResult());
    }

    private bool HostBit(int host, byte[] answer, long splitId, int row)
    {
        var bit = _bitOf[host][splitId];
        return (answer[(row * _widths[host]) + (bit >> 3)] & (1 << (bit & 7))) != 0;
    }
}
