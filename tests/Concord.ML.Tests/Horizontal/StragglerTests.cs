using Concord.Federation;
using Concord.ML.HomoLR;
using Concord.ML.Horizontal;
using Concord.ML.Tests.HeteroLinear;

namespace Concord.ML.Tests.Horizontal;

/// <summary>The round deadline: a client that misses it is dropped from that round, and the round completes without it while enough remain.</summary>
public class StragglerTests
{
    private static readonly HomoLrFactory Lr = new(new HomoLrOptions { LearningRate = 0.05, BatchSize = 32 });

    private static HorizontalData[] ThreeClients()
    {
        var guest = HomoCsv.Read("breast_homo_guest.csv");
        return [guest.Take(0, 113), guest.Take(113, 114), HomoCsv.Read("breast_homo_host.csv")];
    }

    [Theory]
    [InlineData(AggregationKind.SecureAggregation)]
    [InlineData(AggregationKind.Plain)]
    public async Task A_client_that_misses_the_deadline_is_dropped_from_that_round_only(AggregationKind aggregation)
    {
        // Host 10001 stalls in its second round (training call 1) until the arbiter has closed that round without it
        // (the third round's plan reaches its mailbox), then catches up within the third round's deadline.
        var settings = new HomoSettings { Rounds = 3, Aggregation = aggregation, MinClients = 2, RoundDeadline = TimeSpan.FromSeconds(5), Seed = 1 };
        var slow = HomoFederation.ClientId(2);
        HomoFederation? run = null;
        bool ThirdRoundPlanned() => run is not null && run.Transcripts[slow].DeliveredTo(slow).Any(d => d.Key.Tag == HomoProtocol.Plan.Name && d.Key.Scope.EndsWith("round-2", StringComparison.Ordinal));
        run = HomoFederation.Start(settings, ThreeClients(), i => i == 2 ? new SlowFactory(Lr, new HashSet<int> { 1 }, ThirdRoundPlanned) : Lr);
        await HeteroLinearFederation.FirstFailureAsync([run.Arbiter, .. run.Clients]);
        var rounds = (await run.Arbiter).Rounds;
        Assert.Equal([3, 2, 3], rounds.Select(r => r.Included));
        Assert.All(rounds, r => Assert.Equal(3, r.Participants));
        var models = await Task.WhenAll(run.Clients);
        Assert.All(models, m => Assert.Equal(models[0].Model.GetParameters(), m.Model.GetParameters()));
        Assert.Equal([true, true, true], models[2].Rounds.Select(r => r.Trained));
        Assert.Equal([3, 2, 3], models[2].Rounds.Select(r => r.Included));
    }

    [Fact]
    public async Task A_round_left_with_fewer_than_min_clients_fails_at_every_party_with_the_reason()
    {
        var settings = new HomoSettings { Rounds = 2, Aggregation = AggregationKind.Plain, MinClients = 3, RoundDeadline = TimeSpan.FromSeconds(2), Seed = 1 };
        HomoFederation? run = null;
        run = HomoFederation.Start(settings, ThreeClients(), i => i == 1 ? new SlowFactory(Lr, new HashSet<int> { 0 }, () => run?.Arbiter.IsCompleted == true) : Lr);
        var arbiter = await Assert.ThrowsAsync<FederationException>(() => run.Arbiter);
        Assert.Contains("only 2 of the 3 selected clients", arbiter.Message, StringComparison.Ordinal);
        Assert.Contains("min_clients is 3", arbiter.Message, StringComparison.Ordinal);
        foreach (var client in run.Clients)
        {
            var ex = await Assert.ThrowsAsync<FederationException>(() => client);
            Assert.Contains("the arbiter stopped training: round 0: only 2 of the 3", ex.Message, StringComparison.Ordinal);
        }
    }
}
