using System.Collections.Concurrent;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.ML.HomoLR;
using Concord.ML.Horizontal;
using Concord.ML.Horizontal.Aggregation;
using Concord.ML.SecureAggregation;
using Concord.Tests.Shared;

namespace Concord.ML.Tests.Horizontal;

/// <summary>What the arbiter received in a whole HomoLR run under secure aggregation, against what each client contributed.</summary>
public class HomoTranscriptTests
{
    /// <summary>Records each client's update on its way into the aggregation, to compare with what the arbiter got.</summary>
    private sealed class Spy(IClientAggregation inner, ConcurrentBag<(PartyRef Client, double[] Update, int Participants)> seen) : IClientAggregation
    {
        public Task SetupAsync(FederationContext ctx, CancellationToken ct) => inner.SetupAsync(ctx, ct);

        public void Prepare(FederationContext round, IReadOnlyList<PartyRef> participants, CancellationToken ct) => inner.Prepare(round, participants, ct);

        public Task ContributeAsync(FederationContext round, IReadOnlyList<PartyRef> participants, double[] update, CancellationToken ct)
        {
            seen.Add((round.Self, (double[])update.Clone(), participants.Count));
            return inner.ContributeAsync(round, participants, update, ct);
        }

        public Task<double[]?> ReceiveSumAsync(FederationContext round, int length, int included, CancellationToken ct) =>
            inner.ReceiveSumAsync(round, length, included, ct);
    }

    [Fact]
    public async Task The_arbiter_never_receives_an_individual_update_unmasked()
    {
        var guest = HomoCsv.Read("breast_homo_guest.csv");
        var data = new[] { guest.Take(0, 113), guest.Take(113, 114), HomoCsv.Read("breast_homo_host.csv") };
        var settings = new HomoSettings { Rounds = 2, LocalEpochs = 1, Aggregation = AggregationKind.SecureAggregation, Seed = 9 };
        var seen = new ConcurrentBag<(PartyRef Client, double[] Update, int Participants)>();
        var run = HomoFederation.Start(settings, data, _ => new HomoLrFactory(new HomoLrOptions { BatchSize = 32 }), wrapAggregation: (_, a) => new Spy(a, seen));
        // Checked whatever the training's outcome: a leak that also breaks training must still show as a leak.
        var failure = await run.SettleAsync();

        var delivered = run.Transcripts[HomoFederation.ArbiterId].DeliveredTo(HomoFederation.ArbiterId).ToList();
        var received = run.Transcripts[HomoFederation.ArbiterId].Entries;
        Assert.DoesNotContain(delivered, e => e.Key.Tag == PlainAggregation.PlainUpdate.Name);
        Assert.All(delivered, e => Assert.True(e.Key.Tag.StartsWith("secagg_", StringComparison.Ordinal) || e.Key.Tag is "client_profile" or "initial_parameters", e.Key.Tag));
        var masked = received.Where(e => e.Key.Tag == "secagg_masked_input").ToList();
        foreach (var (client, update, participants) in seen)
        {
            var encoded = UpdateFixedPoint.Encode(update, settings.FractionBits, participants, "test");
            // Neither the update as doubles nor its fixed-point encoding appears in any payload the arbiter received.
            var asDoubles = update.Take(4).SelectMany(BitConverter.GetBytes).ToArray();
            var asRing = encoded.Take(4).SelectMany(BitConverter.GetBytes).ToArray();
            Assert.DoesNotContain(delivered, e => e.Payload.AsSpan().IndexOf(asDoubles) >= 0 || e.Payload.AsSpan().IndexOf(asRing) >= 0);
            Assert.DoesNotContain(masked, e => ((ulong[])e.Value!).SequenceEqual(encoded));
        }
        foreach (var entry in masked)
        {
            // Encoded updates are far below 2^50; masked values are uniform in Z_2^64.
            var vector = (ulong[])entry.Value!;
            Assert.True(vector.Count(v => (long)v is > -(1L << 50) and < 1L << 50) <= 1, $"{entry.Key.From} sent values that are not masked");
        }

        string[] atClient = ["global_model", "round_outcome", "round_plan", "secagg_key_roster", "secagg_relayed_shares", "secagg_round_keys", "secagg_survivors", "training_setup"];
        TranscriptAssert.EndOfRun(failure, run.Transcripts, new Dictionary<int, string[]>
        {
            [HomoFederation.ArbiterId] = ["client_profile", "initial_parameters", "secagg_encrypted_shares", "secagg_masked_input", "secagg_public_keys", "secagg_unmasking_shares"],
            [HomoFederation.GuestId] = atClient,
            [HomoFederation.FirstHostId] = atClient,
            [HomoFederation.FirstHostId + 1] = atClient,
        }, stragglerTags: new HashSet<string> { "secagg_unmasking_shares" });
        Assert.Equal(6, seen.Count);
        Assert.Equal(6, masked.Count);
    }

    /// <summary>
    /// Each client's first training stalls until the arbiter holds every client's sealed key shares: it finishes only if
    /// the clients agree their keys while they train, as they do from the round's plan on, rather than after.
    /// </summary>
    [Fact]
    public async Task Secure_aggregation_agrees_its_keys_while_the_clients_train()
    {
        var guest = HomoCsv.Read("breast_homo_guest.csv");
        var data = new[] { guest.Take(0, 113), guest.Take(113, 114), HomoCsv.Read("breast_homo_host.csv") };
        var settings = new HomoSettings { Rounds = 2, LocalEpochs = 1, Aggregation = AggregationKind.SecureAggregation, Seed = 9 };
        HomoFederation? run = null;
        bool KeysShared() => run is not null
            && run.Transcripts[HomoFederation.ArbiterId].Entries.Count(e => e.Key.Tag == "secagg_encrypted_shares") == data.Length;
        run = HomoFederation.Start(settings, data, _ => new SlowFactory(new HomoLrFactory(new HomoLrOptions { BatchSize = 32 }), new HashSet<int> { 0 }, KeysShared));
        Assert.Null(await run.SettleAsync());
        Assert.All(await Task.WhenAll(run.Clients), client => Assert.Equal(2, client.Rounds.Count(r => r.Trained)));
    }
}
