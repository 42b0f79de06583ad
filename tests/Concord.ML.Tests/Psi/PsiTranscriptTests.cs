using System.Text;
using Concord.Crypto.Ristretto;
using Concord.Federation.Recording;
using Concord.ML.Psi;

namespace Concord.ML.Tests.Psi;

/// <summary>What crossed the wire in PSI, searched byte by byte for ids and their unblinded hashes.</summary>
public class PsiTranscriptTests
{
    private static readonly PsiOptions Options = new("transcript-salt");

    [Theory]
    [InlineData(PsiOutput.All)]
    [InlineData(PsiOutput.Guest)]
    public async Task No_party_receives_an_id_or_the_unblinded_hash_of_any_id(PsiOutput output)
    {
        var guest = Ids("g", 40).Concat(Ids("shared", 15)).ToArray();
        var host1 = Ids("h1-", 30).Concat(Ids("shared", 15)).ToArray();
        var host2 = Ids("h2-", 20).Concat(Ids("shared", 15)).ToArray();
        var run = await PsiFederation.RunAsync(Options with { Output = output }, guest, host1, host2);
        Assert.Equal(15, run.Guest.Rows!.Length);

        var every = guest.Concat(host1).Concat(host2).Distinct().ToArray();
        var hashes = PointBatch.HashToGroup(every, Options.SaltBytes);
        var secrets = every.SelectMany((id, i) => new[]
        {
            (What: $"the id \"{id}\"", Bytes: Encoding.UTF8.GetBytes(id)),
            (What: $"H(\"{id}\")", Bytes: PointBatch.At(hashes, i).ToArray()),
        }).ToList();

        foreach (var (receiver, transcript) in run.Transcripts)
        {
            var received = transcript.ReceivedBy(receiver).ToList();
            Assert.NotEmpty(received);
            var leaks = secrets.Where(s => received.Any(e => Contains(e.Payload, s.Bytes))).Select(s => s.What).ToList();
            Assert.True(leaks.Count == 0, $"party {receiver} received: {string.Join("; ", leaks.Take(5))}");
        }
    }

    [Fact]
    public async Task Each_party_receives_exactly_the_messages_of_the_protocol()
    {
        var run = await PsiFederation.RunAsync(Options, ["a", "b", "c"], ["b", "c", "d", "e"]);

        Assert.Equal(["doubly_blinded_guest_ids", "host_blinded_ids"], Tags(run.Transcripts[PsiFederation.GuestId]));
        Assert.Equal(["guest_blinded_ids", "intersection_positions", "verdict"], Tags(run.Transcripts[PsiFederation.FirstHostId]));
        // The guest sees the host's set only blinded by the host's secret: as many elements as the host has ids.
        var fromHost = run.Transcripts[PsiFederation.GuestId].Entries.Single(e => e.Key.Tag == "host_blinded_ids");
        Assert.Equal(4 * Ristretto255.PointBytes, ((byte[])fromHost.Value!).Length);
    }

    private static string[] Tags(Transcript transcript) => [.. transcript.Entries.Select(e => e.Key.Tag).Order(StringComparer.Ordinal)];

    private static IEnumerable<string> Ids(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}{i:D4}");

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
