using System.Text.Json;
using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;
using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Recording;
using Concord.Federation.Transport;
using Concord.Federation.Transport.InMemory;
using Concord.ML.SecureBoost;
using Concord.Tests.Shared;
using static Concord.ML.Tests.SecureBoost.LosslessnessTests;

namespace Concord.ML.Tests.SecureBoost;

/// <summary>
/// The guest as the adversary of a host, from the recorded wire bytes only (tag names and payloads, decoded as JSON or
/// ciphertext vectors, not as the protocol's internal records): two runs of the same job, and a replay of the first
/// run's messages to a fresh host, must give the guest nothing that lines up — candidate orders, split ids and
/// encrypted sums are fresh each time.
/// </summary>
public class SecureBoostAdversaryTests
{
    // One candidate per ciphertext, so that without re-randomisation a layer's sums would be the same ciphertexts in any order.
    private static readonly SecureBoostOptions RunOptions = Options(trees: 2) with { PackCandidates = false };

    private static readonly Lazy<Task<SecureBoostFederation[]>> Runs = new(async () =>
        [await SecureBoostFederation.RunAsync(RunOptions, BreastGuest.Guest(), [BreastHost.Host()]),
         await SecureBoostFederation.RunAsync(RunOptions, BreastGuest.Guest(), [BreastHost.Host()])]);

    /// <summary>
    /// The same nodes, chosen in two runs: a host's candidate list is freshly shuffled, so the index the guest names for
    /// a node (into that list) is the same in both runs with probability at most 1 / (the node's candidate count).
    /// The test computes that chance for every node together and requires it below 1e-6, so a canonical or fixed order
    /// (every index repeated) fails and a fresh one passes but for that chance.
    /// </summary>
    [Fact]
    public async Task Two_runs_of_the_same_job_list_a_hosts_candidates_in_different_orders()
    {
        var runs = await Runs.Value;
        var (first, second) = (await Choices(runs[0]), await Choices(runs[1]));
        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        var counts = await CandidateCounts(runs[0]);
        var chance = first.Keys.Aggregate(1.0, (p, node) => p / counts[node]);
        Assert.True(chance < 1e-6, $"only {first.Count} chosen nodes: all their indices repeat by chance with probability {chance:G3}, too likely for this test to mean anything");
        var repeated = first.Keys.Count(node => first[node] == second[node]);
        Assert.True(repeated < first.Count, $"all {repeated} chosen candidate indices repeat in a second run: the host's candidate order is not shuffled afresh");
    }

    /// <summary>
    /// The split ids a host hands the guest are 63 random bits: distinct, never the same in two runs, bits balanced over
    /// all ids pooled (<see cref="Uniformity.AssertPooledBitsUniform"/>, α = 1e-7), and two ids of splits on the same
    /// feature differ in about half their bits like any two ids (pooled likewise): below 2e-7 per run in all.
    /// </summary>
    [Fact]
    public async Task Split_ids_are_fresh_random_numbers_with_no_feature_or_bin_in_them()
    {
        var runs = await Runs.Value;
        var (first, second) = (await SplitIds(runs[0]), await SplitIds(runs[1]));
        Assert.Equal(first.Count, first.Distinct().Count());
        Assert.Empty(first.Intersect(second));
        var ids = first.Concat(second).Select(id => (ulong)id).ToList();
        Assert.All(ids, id => Assert.True(id < 1UL << 63));
        Uniformity.AssertPooledBitsUniform(ids, bits: 63, $"the {ids.Count} split ids of two runs, as 63-bit numbers,");

        var tables = await Task.WhenAll(runs.Select(async r => (await r.Hosts[0]).Table));
        var sameFeature = tables.SelectMany(t => t.Splits.SelectMany((a, i) => t.Splits.Skip(i + 1).Where(b => b.FeatureIndex == a.FeatureIndex).Select(b => (ulong)(a.Id ^ b.Id)))).ToList();
        Assert.NotEmpty(sameFeature);
        Uniformity.AssertPooledBitsUniform(sameFeature, bits: 63, "the XORs of ids of splits on one feature");
    }

    /// <summary>
    /// The host of run 1 replayed: a fresh host gets, byte for byte, every message the first run's host read, so it sums
    /// the same encrypted gradients over the same rows. Its sums for the root layer must share no ciphertext with the
    /// first run's: a host that did not re-randomise would send the same ciphertexts (shuffled), which the guest, seeing
    /// the same layer twice, could match, and divide by its own row ciphertexts. Two fresh ciphertexts collide with
    /// probability 1/φ(n) or so: never.
    /// </summary>
    [Fact]
    public async Task A_replayed_host_sends_the_same_layers_sums_as_fresh_ciphertexts()
    {
        var run = (await Runs.Value)[0];
        var host = PartyRef.Host(SecureBoostFederation.FirstHostId);
        var guest = PartyRef.Guest(SecureBoostFederation.GuestId);
        var network = new InMemoryNetwork(new FederationOptions { ReceiveTimeout = TimeSpan.FromSeconds(30) });
        var roster = new Roster(guest.Id, [host.Id]);
        var guestEnd = network.Join(guest.Id);
        var hostContext = new FederationContext("job-sbt", host, roster, network.Join(host.Id), new Transcript()).Sub("hetero_secureboost");
        foreach (var entry in run.Transcripts[host.Id].Entries)
        {
            await guestEnd.SendAsync(entry.Key, (stream, ct) => stream.WriteAsync(entry.Payload, ct), default);
        }
        using var stop = new CancellationTokenSource();
        // The replayed choices name other candidates of the new shuffle, so the replay goes astray after the first layer; only that layer counts.
        var replay = Task.Run(() => new SecureBoostHost(hostContext, RunOptions).FitAsync(BreastHost.Host(), null, stop.Token));

        var original = run.Transcripts[guest.Id].Entries.First(e => e.Key.Tag == "encrypted_split_sums");
        using var incoming = await guestEnd.ReceiveAsync(original.Key, default);
        await using var stream = incoming.OpenRead();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        await stop.CancelAsync();
        _ = await Record.ExceptionAsync(() => replay);

        var setupPayload = run.Transcripts[host.Id].Entries.First(e => e.Key.Tag == SecureBoostProtocol.Setup.Name).Payload;
        var setup = await SecureBoostProtocol.Setup.Codec.ReadAsync(new MemoryStream(setupPayload), default);
        var key = setup.PublicKey ?? throw new InvalidOperationException("the recorded setup rejected training");
        var (before, after) = (await Ciphertexts(key, original.Payload), await Ciphertexts(key, copy.ToArray()));
        Assert.Equal(before.Count, after.Count);
        // Equal sums of two candidates would show as one ciphertext twice, unless each is re-randomised.
        Assert.True(before.Distinct().Count() == before.Count, $"{before.Count - before.Distinct().Count()} encrypted split sums repeat within one layer");
        var repeated = before.Intersect(after).Count();
        Assert.True(repeated == 0, $"{repeated} of {before.Count} encrypted split sums of the same layer came back as the same ciphertexts");
    }

    /// <summary>Per (layer scope, node), the candidate indices the guest chose, as sent to the host.</summary>
    private static async Task<Dictionary<(string Scope, int Node), string>> Choices(SecureBoostFederation run)
    {
        var choices = new Dictionary<(string, int), string>();
        foreach (var entry in Received(run, SecureBoostFederation.FirstHostId, "split_choices"))
        {
            var json = await Decode<JsonElement>(entry.Key.Tag, entry.Payload);
            var candidates = json.GetProperty("candidates").EnumerateArray().ToList();
            foreach (var (node, i) in json.GetProperty("nodes").EnumerateArray().Select((n, i) => (n.GetInt32(), i)))
            {
                choices[(entry.Key.Scope, node)] = candidates[i].GetRawText();
            }
        }
        return choices;
    }

    /// <summary>Per (layer scope, node), how many candidates the host listed: the counts follow the nodes of the layer's command.</summary>
    private static async Task<Dictionary<(string Scope, int Node), long>> CandidateCounts(SecureBoostFederation run)
    {
        var counts = new Dictionary<(string, int), long>();
        var commands = Received(run, SecureBoostFederation.FirstHostId, "host_command").ToDictionary(e => e.Key.Scope);
        foreach (var entry in Received(run, SecureBoostFederation.GuestId, "candidate_counts"))
        {
            var command = await Decode<JsonElement>("host_command", commands[entry.Key.Scope].Payload);
            var nodes = command.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("node").GetInt32());
            foreach (var (node, count) in nodes.Zip(await Decode<long[]>(entry.Key.Tag, entry.Payload)))
            {
                counts[(entry.Key.Scope, node)] = count;
            }
        }
        return counts;
    }

    private static async Task<List<long>> SplitIds(SecureBoostFederation run)
    {
        var ids = new List<long>();
        foreach (var entry in Received(run, SecureBoostFederation.GuestId, "split_partitions"))
        {
            ids.AddRange((await Decode<JsonElement>(entry.Key.Tag, entry.Payload)).GetProperty("splitIds").EnumerateArray().Select(id => id.GetInt64()));
        }
        return ids;
    }

    private static async Task<List<string>> Ciphertexts(PaillierPublicKey key, byte[] payload)
    {
        var vector = CipherVector.FromBytes(key, await Decode<byte[]>("encrypted_split_sums", payload));
        return [.. Enumerable.Range(0, vector.Count).Select(i => vector[i].Value.ToString())];
    }

    private static IEnumerable<TranscriptEntry> Received(SecureBoostFederation run, int party, string tag) =>
        run.Transcripts[party].Entries.Where(e => e.Key.Tag == tag);

    /// <summary>A recorded payload decoded by the wire codec of its type, as any receiver of those bytes could.</summary>
    private static async Task<T> Decode<T>(string tag, byte[] payload) => await new Tag<T>(tag).Codec.ReadAsync(new MemoryStream(payload), default);
}
