using Concord.Federation.Parties;
using Concord.ML.LocalBaseline;
using Concord.ML.SecureBoost;
using Concord.Tests.Shared;
using static Concord.ML.Tests.SecureBoost.LosslessnessTests;

namespace Concord.ML.Tests.SecureBoost;

/// <summary>
/// Scoring rows a model never saw: SecureBoost trains federated on breast's first 400 rows, then the guest and the
/// host score the other 169 with the guest's trees and the host's lookup table. The reference is the LocalBaseline's
/// trees (trained on the joined first 400 rows with the same bins and parameters) walked by hand over the joined new
/// rows: the leaves must be the same, so the scores agree to 1e-12. The mailboxes are checked as in training: a host
/// is delivered only the go and its direction queries, the guest only readiness and directions.
/// </summary>
public class PredictionTests
{
    private const int Guest = SecureBoostFederation.GuestId;
    private const int Host = SecureBoostFederation.FirstHostId;
    private const int TrainRows = 400;

    private static readonly Lazy<Task<(SecureBoostModel Guest, HostLookupTable Host, LocalBoostFit Local)>> Trained = new(async () =>
    {
        var options = Options();
        BoostSide guest = BreastGuest.Rows(0, TrainRows), host = BreastHost.Rows(0, TrainRows);
        var run = await SecureBoostFederation.RunAsync(options, guest.Guest(), [host.Host()]);
        var local = LocalSecureBoostTrainer.Fit([guest.Local(Guest), host.Local(Host)], guest.Labels!, options);
        return ((await run.Guest).Model, (await run.Hosts[0]).Table, local);
    });

    private static readonly Dictionary<int, string[]> ExpectedTags = new()
    {
        [Guest] = ["prediction_readiness", "split_directions"],
        [Host] = ["prediction_plan", "host_command"],
    };

    [Fact]
    public async Task New_rows_reach_the_local_baselines_leaves_and_the_host_is_asked_only_for_directions()
    {
        var (guestModel, hostTable, local) = await Trained.Value;
        BoostSide guest = BreastGuest.Rows(TrainRows, BreastGuest.Ids.Length), host = BreastHost.Rows(TrainRows, BreastHost.Ids.Length);

        var (scores, failure, parties) = await PredictAsync(guestModel, hostTable, new(guest.Ids, guest.Features), new(host.Ids, host.Features));

        TranscriptAssert.EndOfRun(failure, parties.Transcripts, ExpectedTags);
        var expected = ByHand(local, [guest.Features, host.Features]);
        var score = Assert.Single(scores!);
        Assert.Equal(guest.Ids.Length, score.Length);
        Assert.Equal(expected, score, (a, b) => Math.Abs(a - b) < WeightTolerance);
        Assert.InRange(HeteroLinear.Metrics.Auc(score, guest.Labels!), 0.95, 1);
        Assert.Contains(guestModel.Trees.SelectMany(t => t.Nodes), n => n.Split?.Party == 1);
    }

    [Theory]
    [InlineData("host lacks a column", "party host:10000: the data has no column \"x3\", which the model was trained on")]
    [InlineData("guest has an extra column", "party guest:9999: the data has a column \"extra\" the model was not trained on")]
    [InlineData("rows not aligned", "party host:10000's rows are not aligned with the guest's")]
    [InlineData("another job's hosts", "the model was trained with hosts 10000, 10001, and this job's hosts are 10000")]
    public async Task New_rows_that_do_not_fit_the_model_are_refused_at_every_party_before_any_query(string change, string message)
    {
        var (guestModel, hostTable, _) = await Trained.Value;
        BoostSide guest = BreastGuest.Rows(TrainRows, BreastGuest.Ids.Length), host = BreastHost.Rows(TrainRows, BreastHost.Ids.Length);
        var guestRows = new BoostPredictionRows(guest.Ids, guest.Features);
        var hostRows = new BoostPredictionRows(host.Ids, host.Features);
        switch (change)
        {
            case "host lacks a column":
                hostRows = hostRows with { Columns = host.Features.Select([.. host.Features.Names.Where(n => n != "x3")]) };
                break;
            case "guest has an extra column":
                guestRows = guestRows with { Columns = new([.. guest.Features.Names, "extra"], [.. Enumerable.Range(0, guest.Features.ColumnCount).Select(j => guest.Features[j].ToArray()), new double[guest.Ids.Length]]) };
                break;
            case "rows not aligned":
                hostRows = hostRows with { Ids = [.. host.Ids.Reverse()] };
                break;
            default:
                guestModel = guestModel with { HostParties = [Host, Host + 1] };
                break;
        }

        var (_, failure, parties) = await PredictAsync(guestModel, hostTable, guestRows, hostRows, cancelOnFailure: false);

        var errors = Assert.IsType<AggregateException>(failure).InnerExceptions;
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Contains(message, e.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(parties.Transcripts[Host].DeliveredTo(Host), d => d.Key.Tag == "host_command");
    }

    /// <summary>The LocalBaseline's trees walked row by row over each party's raw columns, then the sigmoid of the summed leaves.</summary>
    private static double[] ByHand(LocalBoostFit local, NumericColumns[] parties)
    {
        var rows = parties[0].RowCount;
        var z = Enumerable.Repeat(local.BaseScores[0], rows).ToArray();
        foreach (var tree in local.Trees)
        {
            for (var i = 0; i < rows; i++)
            {
                var node = tree.Nodes[0];
                while (node.Split is SplitRule split)
                {
                    var value = parties[split.Party][split.Feature][i];
                    var left = double.IsNaN(value) ? split.DefaultLeft : value <= split.Threshold;
                    node = tree.Nodes[left ? node.Left : node.Right];
                }
                z[i] += node.Weight;
            }
        }
        return [.. z.Select(v => 1 / (1 + Math.Exp(-v)))];
    }

    private static async Task<(double[][]? Scores, Exception? Failure, InMemoryParties Parties)> PredictAsync(
        SecureBoostModel guest, HostLookupTable host, BoostPredictionRows guestRows, BoostPredictionRows hostRows, bool cancelOnFailure = true)
    {
        var roster = new Roster(Guest, [Host]);
        var parties = InMemoryParties.Join(roster, "job-predict", ["hetero_secureboost"], TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource();
        var ct = cancellation.Token;
        var guestRun = Task.Run(() => SecureBoostPrediction.GuestAsync(parties.Contexts[roster.Guest], guest, guestRows, ct));
        var hostRun = Task.Run(() => SecureBoostPrediction.HostAsync(parties.Contexts[roster.Hosts[0]], host, hostRows, ct));
        Task[] roles = [guestRun, hostRun];
        var failure = cancelOnFailure ? await ProtocolRun.SettleAsync(roles, cancellation) : await ProtocolRun.EveryFailureAsync(roles);
        return (guestRun.IsCompletedSuccessfully ? guestRun.Result : null, failure, parties);
    }
}
