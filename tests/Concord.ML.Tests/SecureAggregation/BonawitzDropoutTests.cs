using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.ML.SecureAggregation;

namespace Concord.ML.Tests.SecureAggregation;

/// <summary>
/// The sum the arbiter ends with, exactly (Z_2^64, no tolerance), with and without clients dropping out. Which inputs
/// the protocol puts in the sum: those of U3, the clients whose masked input reached the arbiter, whether or not they
/// stay for the unmasking step; a client that dropped before sending its masked input is not in it, and its pairwise
/// masks are removed from the survivors' inputs through its rebuilt mask key.
/// </summary>
public class BonawitzDropoutTests
{
    private const int Length = 1001;
    private const int Threshold = 3;

    [Fact]
    public async Task With_every_client_present_the_arbiter_gets_the_exact_sum()
    {
        var federation = BonawitzFederation.Create();
        var inputs = BonawitzFederation.Inputs(Length, seed: 1);
        var server = federation.Server(Threshold, TimeSpan.FromSeconds(30)).SumAsync(Length);
        var clients = inputs.Select((input, i) => Task.Run(() => federation.Client(i, Threshold).RunAsync(input))).ToList();
        var result = await server;
        Assert.All(await Task.WhenAll(clients), Assert.True);
        Assert.Equal(BonawitzFederation.Sum(inputs, Length), result.Sum);
        Assert.Equal(federation.Clients, result.Included);
        Assert.Empty(result.Dropped);
    }

    [Fact]
    public async Task A_client_that_drops_after_its_masked_input_arrived_is_in_the_exact_sum()
    {
        const int dropping = 2;
        // Steps 0–2, then the process dies: it never reveals a share.
        var (federation, inputs, result) = await RunWithDropoutAsync(seed: 2, dropping, TimeSpan.FromSeconds(30),
            async (client, input) => await client.AdvertiseKeysAsync() && await client.ShareKeysAsync() && await client.SendMaskedInputAsync(input));
        // Its masked input arrived, so it is a survivor (U3): its self mask is rebuilt from the others' shares.
        Assert.Equal(BonawitzFederation.Sum(inputs, Length), result.Sum);
        Assert.Contains(federation.Clients[dropping], result.Included);
        var revealed = federation.Transcripts[BonawitzFederation.ArbiterId].Entries.Where(e => e.Key.Tag == "secagg_unmasking_shares").ToList();
        Assert.DoesNotContain(revealed, e => e.Key.From == federation.Clients[dropping]);
    }

    [Fact]
    public async Task A_client_that_drops_before_masking_leaves_the_exact_sum_of_the_others()
    {
        const int dropping = 4;
        // Shares its keys, then dies before sending its masked input; the deadline is what drops it (nothing asserts on time).
        var (federation, inputs, result) = await RunWithDropoutAsync(seed: 3, dropping, TimeSpan.FromSeconds(2),
            async (client, _) => await client.AdvertiseKeysAsync() && await client.ShareKeysAsync());
        Assert.Equal(BonawitzFederation.Sum(inputs.Where((_, i) => i != dropping), Length), result.Sum);
        Assert.Equal([federation.Clients[dropping]], result.Dropped);
        Assert.DoesNotContain(federation.Clients[dropping], result.Included);
    }

    /// <summary>Every client runs the whole protocol except <paramref name="dropping"/>, which runs <paramref name="partial"/> and then goes down.</summary>
    private static async Task<(BonawitzFederation Federation, ulong[][] Inputs, SecureSumResult Result)> RunWithDropoutAsync(
        int seed, int dropping, TimeSpan deadline, Func<BonawitzClient, ulong[], Task<bool>> partial)
    {
        var federation = BonawitzFederation.Create();
        var inputs = BonawitzFederation.Inputs(Length, seed);
        var server = federation.Server(Threshold, deadline).SumAsync(Length);
        var clients = inputs.Select((input, i) => Task.Run(async () =>
        {
            using var client = federation.Client(i, Threshold);
            if (i != dropping)
            {
                return await client.RunAsync(input);
            }
            var ok = await partial(client, input);
            federation.Network.TakeDown(federation.Clients[i].Id);
            return ok;
        })).ToList();
        var result = await server;
        await Task.WhenAll(clients);
        return (federation, inputs, result);
    }

    /// <summary>
    /// Keys agreed once for three rounds; the last client sends nothing in the third. Each round's sum is exact, and
    /// the arbiter learns only the third round's mask key of the dropped client (the first two rounds' keys, which
    /// its earlier masked inputs depend on, stay shared), never with that round's self-mask seed of the same client.
    /// </summary>
    [Fact]
    public async Task A_client_dropping_in_round_3_after_keys_were_agreed_in_round_1_leaves_exact_sums_and_hides_its_earlier_inputs()
    {
        const int Rounds = 3;
        const int Dropping = 4;
        var federation = BonawitzFederation.Create();
        var inputs = Enumerable.Range(0, Rounds).Select(r => BonawitzFederation.Inputs(Length, seed: 10 + r)).ToArray();
        FederationContext RoundOf(PartyRef party, int r) => federation.Contexts[party].Sub($"round-{r}");
        var server = Task.Run(async () =>
        {
            var batch = new BonawitzServer(federation.Contexts[federation.Arbiter].Sub("keys"), federation.Clients, Threshold, TimeSpan.FromSeconds(2), Rounds);
            Assert.Null(await batch.AgreeKeysAsync());
            var results = new List<SecureSumResult>();
            for (var r = 0; r < Rounds; r++)
            {
                results.Add(await batch.SumRoundAsync(RoundOf(federation.Arbiter, r), r, Length));
            }
            return results;
        });
        var clients = federation.Clients.Select((party, i) => Task.Run(async () =>
        {
            using var client = new BonawitzClient(federation.Contexts[party].Sub("keys"), federation.Clients, Threshold, Rounds);
            Assert.True(await client.AdvertiseKeysAsync() && await client.ShareKeysAsync());
            for (var r = 0; r < (i == Dropping ? Rounds - 1 : Rounds); r++)
            {
                Assert.True(await client.SendMaskedInputAsync(RoundOf(party, r), r, inputs[r][i]) && await client.UnmaskAsync(RoundOf(party, r), r));
            }
        })).ToList();
        var sums = await server;
        await Task.WhenAll(clients);

        Assert.Equal(BonawitzFederation.Sum(inputs[0], Length), sums[0].Sum);
        Assert.Equal(BonawitzFederation.Sum(inputs[1], Length), sums[1].Sum);
        Assert.Equal(BonawitzFederation.Sum(inputs[2].Where((_, i) => i != Dropping), Length), sums[2].Sum);
        var dropped = federation.Clients[Dropping].ToString();
        Assert.Equal([dropped], sums[2].Dropped.Select(p => p.ToString()));
        var revealed = federation.Transcripts[BonawitzFederation.ArbiterId].Entries.Where(e => e.Key.Tag == "secagg_unmasking_shares").ToList();
        Assert.Equal(Rounds, revealed.Select(e => e.Key.Scope).Distinct().Count());
        foreach (var entry in revealed)
        {
            var shares = (UnmaskingShares)entry.Value!;
            var inRound3 = entry.Key.Scope.EndsWith("/round-2", StringComparison.Ordinal);
            Assert.Equal(inRound3 ? [dropped] : [], shares.MaskKeyOwners);
            Assert.Empty(shares.SelfSeedOwners.Intersect(shares.MaskKeyOwners));
        }
        // Each round masks under its own key: the batch advertised three distinct mask keys per client.
        var roster = (KeyRoster)federation.Transcripts[BonawitzFederation.ClientIds[0]].Entries.First(e => e.Key.Tag == "secagg_key_roster").Value!;
        Assert.All(roster.MaskKeys, keys => Assert.Equal(Rounds, keys.Select(Convert.ToBase64String).Distinct().Count()));
    }

    [Fact]
    public async Task Fewer_survivors_than_the_threshold_abort_the_round_at_every_client()
    {
        var federation = BonawitzFederation.Create();
        var inputs = BonawitzFederation.Inputs(16, seed: 4);
        var server = federation.Server(threshold: 4, TimeSpan.FromSeconds(2)).SumAsync(16);
        // Only three clients take part at all.
        var clients = inputs.Take(3).Select((input, i) => Task.Run(() => federation.Client(i, 4).RunAsync(input))).ToList();
        var result = await server;
        Assert.Null(result.Sum);
        Assert.Contains("threshold is 4", result.Failure, StringComparison.Ordinal);
        Assert.All(await Task.WhenAll(clients), Assert.False);
    }
}
