using System.Text;
using Concord.Crypto.Ristretto;
using Concord.Crypto.Rsa;
using Concord.Federation.Recording;
using Concord.ML.Psi;
using Concord.Tests.Shared;

namespace Concord.ML.Tests.Psi;

/// <summary>What crossed the wire in PSI, searched byte by byte for ids and their unblinded hashes.</summary>
public class PsiTranscriptTests
{
    internal static readonly string[] GuestIds = [.. Ids("g", 40), .. Ids("shared", 15)];
    internal static readonly string[][] HostIds = [[.. Ids("h1-", 30), .. Ids("shared", 15)], [.. Ids("h2-", 20), .. Ids("shared", 15)]];
    private static readonly string[] Every = [.. GuestIds.Concat(HostIds[0]).Concat(HostIds[1]).Distinct()];

    [Theory]
    [InlineData(PsiMethod.Ecdh, PsiOutput.All)]
    [InlineData(PsiMethod.Ecdh, PsiOutput.Guest)]
    [InlineData(PsiMethod.Rsa, PsiOutput.All)]
    [InlineData(PsiMethod.Rsa, PsiOutput.Guest)]
    public async Task No_party_receives_an_id_or_the_unblinded_hash_of_any_id(PsiMethod method, PsiOutput output)
    {
        var options = PsiFederation.Options(method) with { Output = output };
        var (guest, hosts, transcripts) = PsiFederation.Start(options, GuestIds, HostIds);
        var failure = await ProtocolRun.SettleAsync([guest, .. hosts]);

        var secrets = Every.Select(id => (What: $"the id \"{id}\"", Bytes: Encoding.UTF8.GetBytes(id))).Concat(method == PsiMethod.Rsa
            ? Enumerable.Range(0, HostIds.Length).SelectMany(h => RsaHashesAndSignatures(h, options))
            : Split(PointBatch.HashToGroup(Every, options.SaltBytes), Ristretto255.PointBytes).Select((hash, i) => (What: $"H(\"{Every[i]}\")", Bytes: hash))).ToList();

        foreach (var (receiver, transcript) in transcripts)
        {
            var received = transcript.DeliveredTo(receiver).ToList();
            Assert.NotEmpty(received);
            var leaks = secrets.Where(s => received.Any(e => Contains(e.Payload, s.Bytes))).Select(s => s.What).ToList();
            Assert.True(leaks.Count == 0, $"party {receiver} received: {string.Join("; ", leaks.Take(5))}");
        }
        TranscriptAssert.EndOfRun(failure, transcripts, ExpectedTags(method, output, HostIds.Length));
        Assert.Equal(15, (await guest).Rows!.Length);
    }

    [Fact]
    public async Task Rsa_signature_digests_reach_only_the_guest_and_only_for_each_host_s_own_ids()
    {
        var options = PsiFederation.Options(PsiMethod.Rsa);
        var (guest, hosts, transcripts) = PsiFederation.Start(options, GuestIds, HostIds);
        var failure = await ProtocolRun.SettleAsync([guest, .. hosts]);

        var atGuest = transcripts[PsiFederation.GuestId].DeliveredTo(PsiFederation.GuestId).ToList();
        for (var h = 0; h < HostIds.Length; h++)
        {
            var key = PsiFederation.RsaKey(h);
            var digests = Split(RsaBlindSignatures.Digests(key.PublicKey, RsaBlindSignatures.Sign(key, RsaBlindSignatures.HashIds(key.PublicKey, Every, options.SaltBytes))), 32).ToArray();
            // The guest may digest only the ids it had signed, its own: a host's other ids stay behind their digests.
            Assert.Equal(HostIds[h].Order(), Every.Where((_, i) => atGuest.Any(e => Contains(e.Payload, digests[i]))).Order());
            foreach (var host in Enumerable.Range(0, HostIds.Length).Select(i => PsiFederation.FirstHostId + i))
            {
                Assert.DoesNotContain(transcripts[host].DeliveredTo(host), e => digests.Any(d => Contains(e.Payload, d)));
            }
        }
        TranscriptAssert.EndOfRun(failure, transcripts, ExpectedTags(PsiMethod.Rsa, PsiOutput.All, HostIds.Length));
    }

    [Theory]
    [InlineData(PsiMethod.Ecdh, new[] { "doubly_blinded_guest_ids", "host_blinded_ids" })]
    [InlineData(PsiMethod.Rsa, new[] { "host_public_key", "host_signature_digests", "signed_guest_blinded_ids" })]
    public async Task Each_party_receives_exactly_the_messages_of_the_protocol(PsiMethod method, string[] atGuest)
    {
        var (guest, hosts, transcripts) = PsiFederation.Start(PsiFederation.Options(method), ["a", "b", "c"], ["b", "c", "d", "e"]);
        var failure = await ProtocolRun.SettleAsync([guest, .. hosts]);

        Assert.Equal(atGuest, Tags(transcripts[PsiFederation.GuestId], PsiFederation.GuestId));
        Assert.Equal(["guest_blinded_ids", "intersection_positions", "verdict"], Tags(transcripts[PsiFederation.FirstHostId], PsiFederation.FirstHostId));
        // The guest sees the host's set only as one 32-byte value per id: as many as the host has ids.
        var fromHost = transcripts[PsiFederation.GuestId].DeliveredTo(PsiFederation.GuestId).Single(e => e.Key.Tag is "host_blinded_ids" or "host_signature_digests");
        var decoded = transcripts[PsiFederation.GuestId].Entries.Single(e => e.Key == fromHost.Key);
        Assert.Equal(4 * 32, ((byte[])decoded.Value!).Length);
        TranscriptAssert.EndOfRun(failure, transcripts, ExpectedTags(method, PsiOutput.All, 1));
    }

    /// <summary>Every tag each party's mailbox holds in a run: with guest-only output, hosts get no intersection positions.</summary>
    internal static Dictionary<int, string[]> ExpectedTags(PsiMethod method, PsiOutput output, int hosts)
    {
        string[] atHost = output == PsiOutput.All ? ["guest_blinded_ids", "intersection_positions", "verdict"] : ["guest_blinded_ids", "verdict"];
        var tags = Enumerable.Range(PsiFederation.FirstHostId, hosts).ToDictionary(h => h, _ => atHost);
        tags[PsiFederation.GuestId] = method == PsiMethod.Rsa
            ? ["host_public_key", "host_signature_digests", "signed_guest_blinded_ids"]
            : ["doubly_blinded_guest_ids", "host_blinded_ids"];
        return tags;
    }

    /// <summary>H(id) modulo host h's n and its plain signature H(id)^d, for every id.</summary>
    private static IEnumerable<(string What, byte[] Bytes)> RsaHashesAndSignatures(int h, PsiOptions options)
    {
        var key = PsiFederation.RsaKey(h);
        var hashes = RsaBlindSignatures.HashIds(key.PublicKey, Every, options.SaltBytes);
        var signatures = RsaBlindSignatures.Sign(key, hashes);
        var width = key.PublicKey.ValueBytes;
        return Split(hashes, width).Select((x, i) => ($"H{h}(\"{Every[i]}\")", x))
            .Concat(Split(signatures, width).Select((x, i) => ($"H{h}(\"{Every[i]}\")^d", x)));
    }

    internal static IEnumerable<byte[]> Split(byte[] packed, int width) => packed.Chunk(width);

    internal static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>The tags that landed in the party's mailbox, read or not, one per message.</summary>
    private static string[] Tags(Transcript transcript, int party) => [.. transcript.DeliveredTo(party).Select(e => e.Key.Tag).Order(StringComparer.Ordinal)];

    private static IEnumerable<string> Ids(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}{i:D4}");
}
