using System.Globalization;
using System.Text;
using System.Text.Json;
using Concord.Crypto.Vector;
using Concord.Federation.Recording;
using Concord.ML.SecureBoost;
using Concord.Tests.Shared;
using static Concord.ML.Tests.SecureBoost.LosslessnessTests;

namespace Concord.ML.Tests.SecureBoost;

/// <summary>What each party received in a real run on breast (rows sampled, so prediction queries flow too), read from the transcripts.</summary>
public class TranscriptPrivacyTests
{
    private static readonly SecureBoostOptions RunOptions = Options(trees: 2) with { Subsample = 0.9 };
    private static readonly Lazy<Task<(SecureBoostFederation Run, Exception? Failure)>> Run = new(async () =>
    {
        var run = SecureBoostFederation.Start(RunOptions, BreastGuest.Guest(), [BreastHost.Host()]);
        return (run, await run.SettleAsync());
    });

    private static readonly Dictionary<int, string[]> ExpectedTags = new()
    {
        [SecureBoostFederation.GuestId] = ["host_hello", "candidate_counts", "encrypted_split_sums", "split_partitions", "split_directions"],
        [SecureBoostFederation.FirstHostId] = ["boost_setup", "host_command", "encrypted_gradients", "split_choices"],
    };

    /// <summary>What landed in the party's mailbox, read or not, with the decoded value where its protocol read it.</summary>
    private static IReadOnlyList<TranscriptEntry> Received(SecureBoostFederation run, int party) => MailboxView.Contents(run.Transcripts[party], party);

    [Fact]
    public async Task The_host_receives_gradient_ciphertexts_and_choices_among_its_own_candidates_and_no_plaintext_gradient_or_label()
    {
        var (run, failure) = await Run.Value;
        var received = Received(run, SecureBoostFederation.FirstHostId);

        // No label, gradient or hessian crosses in plaintext: not as a double, not as text, not as a quantized integer.
        var labels = BreastGuest.Labels!;
        var p = Objective.Sigmoid(new Objective(RunOptions).InitialScores(labels)[0]);
        double[] roundZero = [p, p - 1, p * (1 - p)];
        var needles = roundZero.SelectMany(DoubleForms).Append(labels.Take(16).SelectMany(BitConverter.GetBytes).ToArray()).ToList();
        var scale = Math.ScaleB(1.0, QuantizedGradients.DefaultPrecisionBits);
        needles.AddRange(new[] { scale * p / Math.Max(p, 1 - p), scale * (p - 1) / Math.Max(p, 1 - p) }.Select(q => BitConverter.GetBytes((long)Math.Round(q))));
        AssertAbsent(received, needles);
        TranscriptAssert.EndOfRun(failure, run.Transcripts, ExpectedTags);

        // Each round's gradients arrive as valid, pairwise distinct ciphertexts, one per row of the round. The transcript
        // holds them as the receiver decoded them, under the setup's key (the codec checked every element's range).
        var key = ((BoostSetup)received.Single(e => e.Key.Tag == "boost_setup").Value!).PublicKey!;
        var gradients = received.Where(e => e.Key.Tag == "encrypted_gradients").Select(e => (CipherVector)e.Value!).ToList();
        Assert.All(gradients, v => Assert.Equal(key, v.PublicKey));
        Assert.Equal(RunOptions.NumTrees, gradients.Count);
        Assert.All(gradients, v => Assert.Equal(v.Count, Enumerable.Range(0, v.Count).Select(i => v[i].Value).Distinct().Count()));

        // Choices arrive only for nodes the host's own features split in the final trees.
        var guest = await run.Guest;
        var commands = received.Where(e => e.Key.Tag == "host_command").ToDictionary(e => e.Key.Scope, e => (HostCommand)e.Value!);
        var chosen = received.Where(e => e.Key.Tag == "split_choices")
            .SelectMany(e => ((NodeChoices)e.Value!).Nodes.Select(node => (commands[e.Key.Scope].Tree, node)))
            .ToHashSet();
        var hostNodes = guest.Model.Trees.SelectMany((t, i) => t.Nodes.Select((n, j) => (n, i, j))).Where(x => x.n.Split?.Party == 1).Select(x => (x.i, x.j)).ToHashSet();
        Assert.NotEmpty(chosen);
        Assert.Equal(hostNodes, chosen);
        var finish = commands.Values.Single(c => c.Kind == HostCommandKind.Finish);
        Assert.Equal((await run.Hosts[0]).Table.Splits.Select(s => s.Id).Order(), finish.SplitIds!.Order());
    }

    [Fact]
    public async Task The_guest_never_receives_a_host_threshold_or_feature_value_and_cannot_match_sums_to_its_ciphertexts()
    {
        var (run, failure) = await Run.Value;
        var received = Received(run, SecureBoostFederation.GuestId);

        var features = Enumerable.Range(0, BreastHost.Features.ColumnCount).SelectMany(j => BreastHost.Features[j][..60].ToArray());
        AssertAbsent(received, [.. features.Where(v => double.IsFinite(v) && Math.Abs(v) > 1e-9).Distinct().SelectMany(DoubleForms)]);
        TranscriptAssert.EndOfRun(failure, run.Transcripts, ExpectedTags);

        var table = (await run.Hosts[0]).Table;
        var thresholds = table.Splits.Select(s => s.Threshold).Where(v => double.IsFinite(v) && Math.Abs(v) > 1e-9).Distinct();
        AssertAbsent(received, [.. thresholds.SelectMany(DoubleForms)]);
        var guest = await run.Guest;
        Assert.All(guest.Model.Trees.SelectMany(t => t.Nodes).Where(n => n.Split?.Party == 1), n =>
        {
            Assert.True(n.Split!.IsOpaque);
            Assert.Equal((-1, -1), (n.Split.Feature, n.Split.Bin));
            Assert.True(double.IsNaN(n.Split.Threshold));
        });
        Assert.DoesNotContain(table.Features, f => guest.Model.ToBytes().AsSpan().IndexOf(Encoding.UTF8.GetBytes($"\"{f}\"")) >= 0 && !guest.Model.GuestFeatures.Contains(f));

        // The candidate sums are re-randomised: none equals a row ciphertext the guest made.
        var hostReceived = Received(run, SecureBoostFederation.FirstHostId);
        var rows = hostReceived.Where(e => e.Key.Tag == "encrypted_gradients").SelectMany(e => Elements((CipherVector)e.Value!)).ToHashSet();
        var sums = received.Where(e => e.Key.Tag == "encrypted_split_sums").SelectMany(e => Elements((CipherVector)e.Value!)).ToList();
        Assert.NotEmpty(sums);
        Assert.DoesNotContain(sums, rows.Contains);
    }

    private static IEnumerable<string> Elements(CipherVector v) => Enumerable.Range(0, v.Count).Select(i => v[i].Value.ToString());

    /// <summary>A value as the wire could carry it: 8 bytes either way round, and its shortest text.</summary>
    private static IEnumerable<byte[]> DoubleForms(double v)
    {
        var bytes = BitConverter.GetBytes(v);
        yield return bytes;
        yield return [.. bytes.Reverse()];
        yield return Encoding.UTF8.GetBytes(v.ToString("R", CultureInfo.InvariantCulture));
        yield return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(v));
    }

    private static void AssertAbsent(IReadOnlyList<TranscriptEntry> received, IReadOnlyList<byte[]> needles)
    {
        foreach (var entry in received)
        {
            foreach (var needle in needles)
            {
                Assert.False(entry.Payload.AsSpan().IndexOf(needle) >= 0, $"\"{entry.Key.Tag}\" ({entry.Key.Scope}) carries {Convert.ToHexString(needle)}");
            }
        }
    }
}
