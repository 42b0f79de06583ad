using Concord.Federation.Parties;
using Concord.ML.HeteroLinear;
using Concord.ML.Linear;
using Concord.ML.LocalBaseline;
using Concord.Tests.Shared;
using static Concord.ML.Tests.HeteroLinear.LosslessnessTests;

namespace Concord.ML.Tests.HeteroLinear;

/// <summary>
/// Scoring rows a model never saw: breast's first 400 rows train a plaintext model whose weights are split into the
/// parties' shares, then the guest and the host score the other 169 jointly. The reference is the plaintext model
/// applied by hand to the joined new rows (standardised with the training means and deviations); the federated
/// scores must equal it within 1e-9, the rounding of summing w·x in another order. Each run's mailboxes are checked
/// as the privacy tests check training: a host is delivered only the guest's go or refusal.
/// </summary>
public class PredictionTests
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private const int TrainRows = 400;
    private const double ScoreTolerance = 1e-9;

    private static readonly Roster OneHost = new(Guest, [Host]);

    private static readonly Dictionary<int, string[]> ExpectedTags = new()
    {
        [Guest] = ["prediction_readiness", "host_partial_score"],
        [Host] = ["prediction_plan"],
    };

    [Fact]
    public async Task New_rows_score_as_the_plaintext_model_and_the_host_is_delivered_only_the_go()
    {
        var (guestModel, hostModel, weights) = TrainOnFirstRows();
        var guestNew = Rows(BreastGuest.Raw, TrainRows, BreastGuest.Ids.Length);
        var hostNew = Rows(BreastHost.Raw, TrainRows, BreastHost.Ids.Length);
        var ids = BreastGuest.Ids[TrainRows..];

        var (scores, failure, parties) = await PredictAsync(OneHost, guestModel, [hostModel], new GuestPredictionData(ids, guestNew), [new HostPredictionData(ids, hostNew)]);

        TranscriptAssert.EndOfRun(failure, parties.Transcripts, ExpectedTags);
        Assert.Single(parties.Transcripts[Host].DeliveredTo(Host));
        var expected = PlaintextScores([guestNew, hostNew], [guestModel, hostModel], weights);
        var score = Assert.Single(scores!);
        Assert.Equal(ids.Length, score.Length);
        Assert.All(score.Zip(expected), p => Assert.Equal(p.Second, p.First, ScoreTolerance));
        Assert.InRange(Metrics.Auc(score, BreastGuest.Labels![TrainRows..]), 0.95, 1);
    }

    [Fact]
    public async Task One_vs_rest_with_two_hosts_adds_each_hosts_share_to_its_own_class()
    {
        var random = new Random(11);
        const int rows = 50;
        NumericColumns Columns(params string[] names) => new(names, [.. names.Select(_ => Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 10).ToArray())]);
        double[][] Weights(int width) => [.. Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, width).Select(_ => random.NextDouble() - 0.5).ToArray())];
        PartyLinearModel Share(NumericColumns c, double[][] w, bool guest) => new(
            LinearTask.Logistic, [.. c.Names], [.. c.Names.Select(_ => 5.0)], [.. c.Names.Select(_ => 2.0)], w, guest, guest ? [0, 1, 2] : [], [.. c.Names], guest ? [Host, Host + 1] : null);
        NumericColumns guestColumns = Columns("g0", "g1"), host0 = Columns("a0", "a1", "a2"), host1 = Columns("b0");
        var guest = Share(guestColumns, Weights(3), guest: true);
        PartyLinearModel[] hosts = [Share(host0, Weights(3), guest: false), Share(host1, Weights(1), guest: false)];
        string[] ids = [.. Enumerable.Range(0, rows).Select(i => $"c{i}")];

        var (scores, failure, parties) = await PredictAsync(new Roster(Guest, [Host, Host + 1]), guest, hosts, new GuestPredictionData(ids, guestColumns), [new(ids, host0), new(ids, host1)]);

        Assert.Null(failure);
        for (var k = 0; k < 3; k++)
        {
            var z = new double[rows];
            foreach (var (columns, model) in new[] { (guestColumns, guest), (host0, hosts[0]), (host1, hosts[1]) })
            {
                for (var i = 0; i < rows; i++)
                {
                    z[i] += Enumerable.Range(0, columns.ColumnCount).Sum(j => model.Weights[k][j] * ((columns[j][i] - 5) / 2)) + (model.HasIntercept ? model.Weights[k][^1] : 0);
                }
            }
            Assert.All(scores![k].Zip(z), p => Assert.Equal(1 / (1 + Math.Exp(-p.Second)), p.First, ScoreTolerance));
        }
        Assert.All(new[] { Host, Host + 1 }, h => Assert.Single(parties.Transcripts[h].DeliveredTo(h)));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "host lacks a column", "party host:10000: the data has no column \"x3\", which the model was trained on" },
        { "guest has an extra column", "party guest:9999: the data has a column \"extra\" the model was not trained on" },
        { "rows not aligned", "party host:10000's rows are not aligned with the guest's" },
        { "another job's hosts", "the model was trained with hosts 10000, 10001, and this job's hosts are 10000" },
        { "shares of two trainings", "party host:10000's share of the model is Logistic with 2 binary model(s), and the guest's needs Logistic with 1 binary model(s)" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_model_that_does_not_fit_the_new_rows_is_refused_at_every_party_before_any_score_moves(string change, string message)
    {
        var (guestModel, hostModel, _) = TrainOnFirstRows();
        var guestNew = Rows(BreastGuest.Raw, TrainRows, BreastGuest.Ids.Length);
        var hostNew = Rows(BreastHost.Raw, TrainRows, BreastHost.Ids.Length);
        string[] ids = BreastGuest.Ids[TrainRows..], hostIds = ids;
        switch (change)
        {
            case "host lacks a column":
                hostNew = hostNew.Select([.. hostNew.Names.Where(n => n != "x3")]);
                break;
            case "guest has an extra column":
                guestNew = new NumericColumns([.. guestNew.Names, "extra"], [.. Enumerable.Range(0, guestNew.ColumnCount).Select(j => guestNew[j].ToArray()), new double[ids.Length]]);
                break;
            case "rows not aligned":
                hostIds = [.. ids.Reverse()];
                break;
            case "another job's hosts":
                guestModel = guestModel with { Hosts = [Host, Host + 1] };
                break;
            default:
                hostModel = hostModel with { Weights = [hostModel.Weights[0], hostModel.Weights[0]] };
                break;
        }

        var (_, failure, parties) = await PredictAsync(OneHost, guestModel, [hostModel], new GuestPredictionData(ids, guestNew), [new HostPredictionData(hostIds, hostNew)], cancelOnFailure: false);

        // Both parties end on their own (no cancellation), each with the refusal in one line.
        var errors = Assert.IsType<AggregateException>(failure).InnerExceptions;
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Contains(message, e.Message, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.DoesNotContain('\n', e.Message));
        Assert.DoesNotContain(parties.Transcripts[Guest].DeliveredTo(Guest), d => d.Key.Tag == "host_partial_score");
        Assert.Empty(parties.Transcripts[Host].Unread(Host));
    }

    /// <summary>A plaintext fit on the first rows (both sides standardised on those rows), its weights split into the two parties' shares.</summary>
    private static (PartyLinearModel Guest, PartyLinearModel Host, double[] Weights) TrainOnFirstRows()
    {
        var options = new LinearOptions { Task = LinearTask.Logistic, MaxIter = 10, Optimizer = OptimizerKind.Sgd, LearningRate = 0.3, Penalty = PenaltyKind.L2, Alpha = 0.01, Tol = 0 };
        var guest = PreparedFeatures.Fit(Rows(BreastGuest.Raw, 0, TrainRows), standardize: true, keepConstant: false, _ => { });
        var host = PreparedFeatures.Fit(Rows(BreastHost.Raw, 0, TrainRows), standardize: true, keepConstant: false, _ => { });
        var fit = LocalLinearTrainer.Fit([.. guest.Columns, .. host.Columns], BreastGuest.Labels![..TrainRows], options);
        var w = fit.Weights[0];
        var g = guest.Names.Length;
        return (
            new PartyLinearModel(LinearTask.Logistic, guest.Names, guest.Means, guest.Scales, [[.. w[..g], w[^1]]], true, fit.Classes, guest.InputNames, [Host]),
            new PartyLinearModel(LinearTask.Logistic, host.Names, host.Means, host.Scales, [w[g..^1]], false, [], host.InputNames),
            w);
    }

    /// <summary>P(y = 1) of the joined weights on the joined new rows, each column standardised by hand with its party's training figures.</summary>
    private static double[] PlaintextScores(NumericColumns[] sides, PartyLinearModel[] shares, double[] weights)
    {
        var z = new double[sides[0].RowCount];
        var j = 0;
        foreach (var (columns, share) in sides.Zip(shares))
        {
            foreach (var (name, f) in share.FeatureNames.Select((n, f) => (n, f)))
            {
                var column = columns[columns.Names.ToList().IndexOf(name)];
                for (var i = 0; i < z.Length; i++)
                {
                    z[i] += weights[j] * ((column[i] - share.Means[f]) / share.Scales[f]);
                }
                j++;
            }
        }
        return [.. z.Select(v => 1 / (1 + Math.Exp(-(v + weights[^1]))))];
    }

    private static NumericColumns Rows(NumericColumns columns, int from, int to) =>
        new(columns.Names, [.. Enumerable.Range(0, columns.ColumnCount).Select(j => columns[j][from..to].ToArray())]);

    private static async Task<(double[][]? Scores, Exception? Failure, InMemoryParties Parties)> PredictAsync(
        Roster roster, PartyLinearModel guest, PartyLinearModel[] hosts, GuestPredictionData guestData, HostPredictionData[] hostData, bool cancelOnFailure = true)
    {
        var parties = InMemoryParties.Join(roster, "job-predict", ["hetero_lr"], TimeSpan.FromSeconds(20));
        using var cancellation = new CancellationTokenSource();
        var ct = cancellation.Token;
        var guestRun = Task.Run(() => HeteroLinearPrediction.GuestAsync(parties.Contexts[roster.Guest], guest, guestData, ct));
        Task[] hostRuns = [.. roster.Hosts.Select((h, i) => Task.Run(() => HeteroLinearPrediction.HostAsync(parties.Contexts[h], hosts[i], hostData[i], ct)))];
        Task[] roles = [guestRun, .. hostRuns];
        var failure = cancelOnFailure ? await ProtocolRun.SettleAsync(roles, cancellation) : await ProtocolRun.EveryFailureAsync(roles);
        return (guestRun.IsCompletedSuccessfully ? guestRun.Result : null, failure, parties);
    }
}
