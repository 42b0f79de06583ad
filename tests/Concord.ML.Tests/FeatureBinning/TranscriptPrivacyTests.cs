using System.Text;
using Concord.Crypto.Vector;
using Concord.ML.FeatureBinning;
using Concord.Tests.Shared;

namespace Concord.ML.Tests.FeatureBinning;

/// <summary>
/// Everything delivered to each party, read as a curious party would: hosts get only fresh ciphertexts of the labels
/// (and then their own bins' WOE/IV); the guest gets no host value, cut point or column name, only rows and encrypted
/// events per anonymous bin, re-randomised so that no bin sum is one of the label ciphertexts it sent.
/// </summary>
public class TranscriptPrivacyTests
{
    private const int Rows = 120;

    private static readonly Dictionary<int, string[]> ExpectedTags = new()
    {
        [BinningFederation.GuestId] = ["binning_hello", "bin_counts", "encrypted_bin_sums"],
        [BinningFederation.FirstHostId] = ["binning_setup", "paillier_public_key", "encrypted_labels", "bin_woe"],
    };

    [Fact]
    public async Task A_host_receives_one_fresh_ciphertext_per_row_and_nothing_else_about_the_labels()
    {
        var (run, failure, _, _) = await RunAsync();
        TranscriptAssert.EndOfRun(failure, run.Transcripts, ExpectedTags);
        var mailbox = MailboxView.Contents(run.Transcripts[BinningFederation.FirstHostId], BinningFederation.FirstHostId);

        var labels = Assert.IsType<CipherVector>(Assert.Single(mailbox, e => e.Key.Tag == "encrypted_labels").Value);
        Assert.Equal(Rows, labels.Count);
        // Half the rows share a label, yet no two ciphertexts are equal: each was encrypted with its own randomness.
        Assert.Equal(Rows, Enumerable.Range(0, Rows).Select(i => labels[i].Value.ToString()).Distinct().Count());
        // Another run encrypts the same labels afresh.
        var (again, _, _, _) = await RunAsync();
        var second = (CipherVector)MailboxView.Contents(again.Transcripts[BinningFederation.FirstHostId], BinningFederation.FirstHostId).Single(e => e.Key.Tag == "encrypted_labels").Value!;
        Assert.Empty(Enumerable.Range(0, Rows).Select(i => labels[i].Value.ToString()).Intersect(Enumerable.Range(0, Rows).Select(i => second[i].Value.ToString())));
        Assert.Equal(new BinningSetup(1, null), mailbox.Single(e => e.Key.Tag == "binning_setup").Value);
    }

    [Fact]
    public async Task The_guest_receives_no_host_value_cut_point_or_name_and_no_sum_it_could_match_to_a_row()
    {
        var (run, failure, host, _) = await RunAsync();
        TranscriptAssert.EndOfRun(failure, run.Transcripts, ExpectedTags);
        var mailbox = MailboxView.Contents(run.Transcripts[BinningFederation.GuestId], BinningFederation.GuestId);
        var hostResult = await run.Hosts[0];

        // Values and cut points, in every form they could travel: 8-byte doubles (either order) and text.
        var secrets = Enumerable.Range(0, host.ColumnCount).SelectMany(c => host[c].ToArray()).Where(double.IsFinite)
            .Concat(hostResult.Own.Cuts.SelectMany(c => c)).Distinct().ToList();
        foreach (var entry in mailbox)
        {
            // Text forms are searched in the plaintext messages; in ciphertext bytes a short decimal turns up by chance.
            var text = entry.Key.Tag == "encrypted_bin_sums" ? "" : Encoding.UTF8.GetString(entry.Payload);
            Assert.DoesNotContain("secret_", text, StringComparison.Ordinal);
            // Small whole numbers are also bin counts and indices, and their doubles are mostly zero bytes: not telling.
            foreach (var secret in secrets.Where(s => s != Math.Floor(s) || Math.Abs(s) > Rows))
            {
                Assert.DoesNotContain(secret.ToString("R", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
                Assert.False(entry.Payload.AsSpan().IndexOf(BitConverter.GetBytes(secret)) >= 0, $"{entry.Key.Tag} holds the bytes of host value {secret}");
                Assert.False(entry.Payload.AsSpan().IndexOf([.. BitConverter.GetBytes(secret).Reverse()]) >= 0, $"{entry.Key.Tag} holds the bytes of host value {secret}");
            }
        }
        // The counts are per anonymous bin only: as many lists as columns, each summing to the rows.
        var counts = Assert.IsType<long[][]>(mailbox.Single(e => e.Key.Tag == "bin_counts").Value);
        Assert.Equal(host.ColumnCount, counts.Length);
        Assert.All(counts, c => Assert.Equal(Rows, c.Sum()));

        var sent = (CipherVector)MailboxView.Contents(run.Transcripts[BinningFederation.FirstHostId], BinningFederation.FirstHostId).Single(e => e.Key.Tag == "encrypted_labels").Value!;
        var sums = Assert.IsType<CipherVector>(mailbox.Single(e => e.Key.Tag == "encrypted_bin_sums").Value);
        var rowCiphertexts = Enumerable.Range(0, sent.Count).Select(i => sent[i].Value.ToString()).ToHashSet();
        Assert.DoesNotContain(Enumerable.Range(0, sums.Count).Select(i => sums[i].Value.ToString()), rowCiphertexts.Contains);
        // A bin of a single row is the sharpest test: without re-randomisation its sum would be that row's ciphertext.
        Assert.Contains(counts.SelectMany(c => c), n => n == 1);
    }

    private static async Task<(BinningFederation Run, Exception? Failure, NumericColumns Host, NumericColumns Guest)> RunAsync()
    {
        var labels = SplitData.Labels(Rows, 2, seed: 21);
        var guest = SplitData.Columns("g", 2, labels, seed: 22);
        // The last column has one row far above the others, so equal-width bins leave it alone in the top bin.
        var host = SplitData.Columns("secret_", 3, labels, seed: 23);
        var outlier = host[2].ToArray();
        outlier[17] = 1234.5678;
        host = new NumericColumns(host.Names, [host[0].ToArray(), host[1].ToArray(), outlier]);
        var run = BinningFederation.Start(new(SplitData.Ids(Rows), guest, labels), new(),
            (new BinningData(SplitData.Ids(Rows), host), new FeatureBinningOptions { Method = BinningMethod.Bucket, BinNum = 8 }));
        return (run, await run.SettleAsync(), host, guest);
    }
}
