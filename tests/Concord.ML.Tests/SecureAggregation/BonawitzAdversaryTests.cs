using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.ML.SecureAggregation;
using Concord.Tests.Shared;
using static Concord.ML.SecureAggregation.BonawitzProtocol;

namespace Concord.ML.Tests.SecureAggregation;

/// <summary>
/// The arbiter as the adversary: it takes every share the protocol hands it (and, lying, every share it can talk the
/// clients into), rebuilds every secret it holds t shares of, strips every mask it can, and looks at what is left of
/// one client's input. That must still be uniform in Z_2^64 (<see cref="Uniformity.AssertWordsUniform"/>): each check fails by
/// chance with probability below 1e-7, and no test here makes more than 15, so below 2e-6 per run.
/// </summary>
public class BonawitzAdversaryTests
{
    private const int Length = 4096;
    private const int Threshold = 3;
    private const int Victim = 2;

    /// <summary>
    /// The arbiter rebuilds each survivor's self-mask seed (the protocol's step 3 gives it them) and the mask key of each
    /// client that dropped after sharing: it then knows that client's pairwise masks as the client itself does, as if it
    /// colluded with it. With one or two such clients (below t = 3), every survivor's input stays masked.
    /// </summary>
    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 4 })]
    [InlineData(new[] { 1, 4 })]
    public async Task With_every_secret_the_protocol_gives_it_the_arbiter_still_sees_each_survivors_input_masked(int[] dropping)
    {
        var federation = BonawitzFederation.Create();
        var inputs = BonawitzFederation.Inputs(Length, seed: 20 + dropping.Length);
        var server = federation.Server(Threshold, dropping.Length == 0 ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(2)).SumAsync(Length);
        var clients = inputs.Select((input, i) => Task.Run(async () =>
        {
            using var client = federation.Client(i, Threshold);
            return dropping.Contains(i) ? await client.AdvertiseKeysAsync() && await client.ShareKeysAsync() : await client.RunAsync(input);
        })).ToList();
        var result = await server;
        await Task.WhenAll(clients);
        Assert.Equal(BonawitzFederation.Sum(inputs.Where((_, i) => !dropping.Contains(i)), Length), result.Sum);

        var arbiter = federation.Contexts[federation.Arbiter];
        var view = new ArbiterView(arbiter, Roster(federation), Threshold, federation.Transcripts[BonawitzFederation.ArbiterId].Entries, _ => 0);
        foreach (var survivor in result.Included.Select(p => p.ToString()))
        {
            var residuals = view.Residuals(survivor, 0, arbiter);
            // The protocol rebuilds each survivor's self mask: the arbiter must have had it to strip.
            Assert.Equal(2, residuals.Count);
            foreach (var residual in residuals)
            {
                Uniformity.AssertWordsUniform(residual, $"what the arbiter can strip {survivor}'s input down to");
            }
        }
    }

    /// <summary>
    /// Round 0 runs honestly (the arbiter rebuilds every client's round-0 self-mask seed). In round 1 the arbiter takes
    /// every masked input, then tells <paramref name="toldDropped"/> that the victim dropped, so they reveal their
    /// shares of its round-1 mask key, and the rest that it survived, so they reveal their shares of its round-1
    /// self-mask seed; then it asks everyone again, naming the victim a survivor. A client answers once per round, and
    /// t = 3 of 5 leaves no two disjoint groups of t: the arbiter never holds t shares of both, and whatever it
    /// strips (its round-0 self-mask seed included, against a seed reused across rounds), the input stays masked.
    /// </summary>
    [Theory]
    [InlineData(new[] { 0, 1, 2, 3, 4 })]
    [InlineData(new[] { 0, 1, 3, 4 })]
    [InlineData(new[] { 0, 1, 3 })]
    [InlineData(new[] { 0, 3 })]
    public async Task An_arbiter_declaring_a_client_dropped_after_receiving_its_input_cannot_unmask_it(int[] toldDropped)
    {
        var federation = BonawitzFederation.Create();
        var inputs = new[] { BonawitzFederation.Inputs(Length, seed: 30), BonawitzFederation.Inputs(Length, seed: 31) };
        var names = federation.Clients.Select(p => p.ToString()).ToArray();
        FederationContext RoundOf(PartyRef party, int r) => federation.Contexts[party].Sub($"round-{r}");
        var victimAnswers = !toldDropped.Contains(Victim);

        var server = Task.Run(async () =>
        {
            var arbiter = federation.Arbiter;
            var batch = new BonawitzServer(federation.Contexts[arbiter].Sub("keys"), federation.Clients, Threshold, TimeSpan.FromSeconds(30), rounds: 2);
            Assert.Null(await batch.AgreeKeysAsync());
            var honest = await batch.SumRoundAsync(RoundOf(arbiter, 0), 0, Length);

            var round = RoundOf(arbiter, 1);
            await round.Group(federation.Clients).ReceiveAll(MaskedInput);
            for (var i = 0; i < names.Length; i++)
            {
                var survivors = toldDropped.Contains(i) ? names.Where((_, j) => j != Victim).ToArray() : names;
                await round.Group([federation.Clients[i]]).Send(Survivors, new SurvivorList(survivors));
            }
            await round.Group([.. federation.Clients.Where((_, i) => i != Victim || victimAnswers)]).ReceiveAll(Unmasking);
            var again = round.Sub("again");
            await again.Group(federation.Clients).Send(Survivors, new SurvivorList(names));
            if (!victimAnswers)
            {
                await again.Group([federation.Clients[Victim]]).Receive(Unmasking);
            }
            return honest;
        });
        var clients = federation.Clients.Select((party, i) => Task.Run(async () =>
        {
            using var client = new BonawitzClient(federation.Contexts[party].Sub("keys"), federation.Clients, Threshold, rounds: 2);
            Assert.True(await client.AdvertiseKeysAsync() && await client.ShareKeysAsync());
            Assert.True(await client.SendMaskedInputAsync(RoundOf(party, 0), 0, inputs[0][i]) && await client.UnmaskAsync(RoundOf(party, 0), 0));
            Assert.True(await client.SendMaskedInputAsync(RoundOf(party, 1), 1, inputs[1][i]));
            var answered = await client.UnmaskAsync(RoundOf(party, 1), 1);
            var refusal = answered ? await Record.ExceptionAsync(() => client.UnmaskAsync(RoundOf(party, 1).Sub("again"), 1)) : null;
            if (!answered)
            {
                Assert.True(await client.UnmaskAsync(RoundOf(party, 1).Sub("again"), 1));
            }
            return (answered, refusal);
        })).ToList();
        var round0 = await server;
        var outcomes = await Task.WhenAll(clients);
        Assert.Equal(BonawitzFederation.Sum(inputs[0], Length), round0.Sum);

        // Every client that had answered refuses the second request: it would reveal the other kind of share.
        Assert.Equal(victimAnswers, outcomes[Victim].answered);
        Assert.All(outcomes.Where(o => o.answered), o => Assert.Contains("already used", Assert.IsType<FederationException>(o.refusal).Message, StringComparison.Ordinal));

        var keys = federation.Contexts[federation.Arbiter].Sub("keys");
        var view = new ArbiterView(keys, Roster(federation), Threshold, federation.Transcripts[BonawitzFederation.ArbiterId].Entries,
            scope => scope.Contains("/round-1", StringComparison.Ordinal) ? 1 : 0);
        var victim = names[Victim];
        var (selfSeedShares, maskKeyShares) = view.ShareCounts(victim, 1);
        Assert.False(selfSeedShares >= Threshold && maskKeyShares >= Threshold, $"the arbiter holds {selfSeedShares} self-mask and {maskKeyShares} mask-key shares of {victim}'s round 1");
        var residuals = view.Residuals(victim, 1, RoundOf(federation.Arbiter, 1));
        foreach (var residual in residuals)
        {
            Uniformity.AssertWordsUniform(residual, $"what the lying arbiter can strip {victim}'s round-1 input down to");
        }
    }

    [Fact]
    public void A_client_refuses_a_threshold_two_disjoint_groups_of_clients_could_each_reach()
    {
        // With t ≤ n/2 an arbiter telling two halves different survivor lists gets t shares of both secrets of one client.
        var federation = BonawitzFederation.Create();
        var refusal = Assert.Throws<ArgumentException>(() => federation.Client(0, threshold: 2));
        Assert.Contains("threshold 2", refusal.Message, StringComparison.Ordinal);
    }

    private static KeyRoster Roster(BonawitzFederation federation) =>
        (KeyRoster)federation.Transcripts[BonawitzFederation.ClientIds[0]].Entries.First(e => e.Key.Tag == "secagg_key_roster").Value!;
}
