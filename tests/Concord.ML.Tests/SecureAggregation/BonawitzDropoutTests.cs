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
