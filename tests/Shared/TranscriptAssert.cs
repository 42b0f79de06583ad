using System.Runtime.ExceptionServices;
using Concord.Federation.Recording;

namespace Concord.Tests.Shared;

/// <summary>
/// How every protocol privacy test ends. A curious party reads its whole mailbox, not only what its protocol asks
/// for, so the delivered messages (recorded by the mailbox) are what counts: each party must have been delivered
/// exactly the tags its protocol expects, and its protocol must have read every one. The order lets a leak show as a
/// leak even when it also broke training: unexpected tags first, then the run's own failure, then completeness.
/// </summary>
internal static class TranscriptAssert
{
    /// <param name="failure">How the run ended (null: every role succeeded); see <see cref="ProtocolRun"/>.</param>
    /// <param name="transcripts">Each party's transcript, by party id (one shared transcript may appear under several ids).</param>
    /// <param name="expectedTags">Every tag each party's mailbox must hold, by party id; every party of <paramref name="transcripts"/> must appear.</param>
    /// <param name="stragglerTags">Tags of which the protocol reads only the first enough (a threshold of responses) and may leave the rest unread.</param>
    public static void EndOfRun(
        Exception? failure, IReadOnlyDictionary<int, Transcript> transcripts, IReadOnlyDictionary<int, string[]> expectedTags, IReadOnlySet<string>? stragglerTags = null)
    {
        Assert.Equal(transcripts.Keys.Order(), expectedTags.Keys.Order());
        foreach (var (party, expected) in expectedTags)
        {
            var unexpected = transcripts[party].DeliveredTo(party).Where(d => !expected.Contains(d.Key.Tag)).ToList();
            Assert.True(unexpected.Count == 0, $"party {party} was delivered what its protocol does not expect: {Describe(unexpected)}");
        }
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
        foreach (var (party, expected) in expectedTags)
        {
            var transcript = transcripts[party];
            var delivered = transcript.DeliveredTo(party).ToList();
            Assert.Equal(expected.Order(StringComparer.Ordinal), delivered.Select(d => d.Key.Tag).Distinct().Order(StringComparer.Ordinal));
            // Every read was delivered, byte for byte: else deliveries are not being recorded and the checks above are empty.
            var byKey = delivered.ToDictionary(d => d.Key);
            foreach (var read in transcript.ReceivedBy(party))
            {
                Assert.True(byKey.TryGetValue(read.Key, out var landed), $"party {party} read {read.Key}, which its mailbox did not record");
                Assert.True(landed.Payload.AsSpan().SequenceEqual(read.Payload), $"party {party} read other bytes than were delivered for {read.Key}");
            }
            var unread = transcript.Unread(party).Where(d => stragglerTags?.Contains(d.Key.Tag) != true).ToList();
            Assert.True(unread.Count == 0, $"party {party}'s mailbox holds messages its protocol never read: {Describe(unread)}");
        }
    }

    private static string Describe(IReadOnlyList<Delivery> deliveries) =>
        string.Join("; ", deliveries.Take(5).Select(d => $"\"{d.Key.Tag}\" ({d.Key.Scope}) from {d.Key.From}, {d.Payload.Length} bytes"))
        + (deliveries.Count > 5 ? $"; and {deliveries.Count - 5} more" : "");
}
