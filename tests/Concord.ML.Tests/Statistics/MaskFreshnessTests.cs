using System.Globalization;
using Concord.Federation.Recording;
using Concord.Tests.Shared;

namespace Concord.ML.Tests.Statistics;

/// <summary>
/// The guest as the adversary: every masked vector a host sends it must look uniform in the ring, on its own, against
/// the same host's vector of the round before (a mask reused across rounds leaves a difference of 0s and ±1s), and
/// against the same vector of a second run of the same job (a mask derived from public data repeats). Each check is a
/// <see cref="Uniformity.AssertWordsUniform"/> check, false positive below 1e-7; the tests make at most 6, so below 1e-6 per run.
/// </summary>
public class MaskFreshnessTests
{
    private static readonly Lazy<Task<StatisticsFederation[]>> Runs = new(async () =>
    {
        var (guest, hosts) = StatisticsProtocolTests.BreastSplit();
        var first = await StatisticsFederation.RunAsync(guest, hosts);
        var second = await StatisticsFederation.RunAsync(guest, hosts);
        return [first.Run, second.Run];
    });

    private static readonly int[] HostIds = [StatisticsFederation.FirstHostId, StatisticsFederation.FirstHostId + 1];

    [Fact]
    public async Task Each_hosts_masked_moments_and_probe_answers_look_uniform_to_the_guest()
    {
        var run = (await Runs.Value)[0];
        foreach (var host in HostIds)
        {
            Uniformity.AssertWordsUniform(Uniformity.Words(Sent(run, host, "masked_moments").Single()), $"host {host}'s masked moments");
            Uniformity.AssertWordsUniform(Uniformity.Words(Sent(run, host, "masked_probe_counts").SelectMany(v => v)), $"host {host}'s masked probe answers");
        }
    }

    [Fact]
    public async Task A_hosts_masked_probe_answers_in_consecutive_rounds_differ_by_a_uniform_amount()
    {
        var run = (await Runs.Value)[0];
        foreach (var host in HostIds)
        {
            var rounds = Sent(run, host, "masked_probe_counts");
            Assert.Equal(64, rounds.Count);
            var differences = rounds.Zip(rounds.Skip(1), (a, b) => a.Zip(b, (x, y) => y - x)).SelectMany(d => d);
            Uniformity.AssertWordsUniform(Uniformity.Words(differences), $"the round-to-round change of host {host}'s masked probe answers");
        }
    }

    [Fact]
    public async Task Two_runs_of_the_same_job_mask_a_hosts_moments_independently()
    {
        var runs = await Runs.Value;
        foreach (var host in HostIds)
        {
            var (first, second) = (Sent(runs[0], host, "masked_moments").Single(), Sent(runs[1], host, "masked_moments").Single());
            // Same data, so the same plaintext moments: the difference is the difference of the two runs' masks, limb by limb
            // (a borrow between the two limbs of an element changes one bit, which the bound absorbs).
            Uniformity.AssertWordsUniform(Uniformity.Words(first.Zip(second, (a, b) => b - a)), $"the change of host {host}'s masked moments between two runs");
        }
    }

    /// <summary>The vectors the guest received from <paramref name="host"/> under <paramref name="tag"/>, in round order.</summary>
    private static List<UInt128[]> Sent(StatisticsFederation run, int host, string tag) =>
        [.. run.Transcripts[StatisticsFederation.GuestId].Entries
            .Where(e => e.Key.Tag == tag && e.Key.From.Id == host)
            .OrderBy(e => RoundNumber(e))
            .Select(e => (UInt128[])e.Value!)];

    private static int RoundNumber(TranscriptEntry e)
    {
        var digits = new string([.. e.Key.Scope.Reverse().TakeWhile(char.IsDigit).Reverse()]);
        return digits.Length == 0 ? -1 : int.Parse(digits, CultureInfo.InvariantCulture);
    }
}
