using Concord.Crypto.Ristretto;
using Concord.ML.Psi;

namespace Concord.ML.Tests.Psi;

/// <summary>
/// Each party as the adversary. Blinding must be fresh per run: a blinded value seen in one run and again in the next
/// links the ids behind them across jobs (a fixed key, or one derived from the salt, would). With guest-only output, a
/// host that reads everything in its mailbox finds nothing that points at the intersection.
/// </summary>
public class PsiAdversaryTests
{
    private static readonly string[] GuestIds = PsiTranscriptTests.GuestIds;
    private static readonly string[][] HostIds = PsiTranscriptTests.HostIds;

    /// <summary>
    /// Two runs of one job, same ids, same salt. Fresh blinding makes every value of the second run a new uniform group
    /// element (ECDH) or a new uniformly blinded residue (RSA); a repeat by chance has probability below 2^-200 here.
    /// </summary>
    [Theory]
    [InlineData(PsiMethod.Ecdh, new[] { "host_blinded_ids", "doubly_blinded_guest_ids" }, new[] { "guest_blinded_ids" })]
    [InlineData(PsiMethod.Rsa, new string[0], new[] { "guest_blinded_ids" })]
    public async Task Two_runs_of_the_same_job_share_no_blinded_value(PsiMethod method, string[] atGuest, string[] atHosts)
    {
        var options = PsiFederation.Options(method);
        var first = await PsiFederation.RunAsync(options, GuestIds, HostIds);
        var second = await PsiFederation.RunAsync(options, GuestIds, HostIds);
        var width = method == PsiMethod.Rsa ? PsiFederation.RsaKey(0).PublicKey.ValueBytes : Ristretto255.PointBytes;

        var receivers = atGuest.Select(tag => (Party: PsiFederation.GuestId, Tag: tag))
            .Concat(atHosts.SelectMany(tag => HostIds.Select((_, h) => (Party: PsiFederation.FirstHostId + h, Tag: tag))));
        foreach (var (party, tag) in receivers)
        {
            var before = Values(first, party, tag, width);
            var after = Values(second, party, tag, width);
            Assert.NotEmpty(before);
            Assert.Equal(before.Count, after.Count);
            var repeated = before.Intersect(after).Count();
            Assert.True(repeated == 0, $"{repeated} of the {before.Count} \"{tag}\" values party {party} received came again in a second run of the same job");
        }
    }

    /// <summary>
    /// Where the shared ids sit in a host's list is what the guest computes and, under all-party output, sends back. Each
    /// party shuffles its list afresh per run, so the 15 positions of a second run equal the first's with probability
    /// 1 / (45·44·…·31) (host 1) or 1 / (35·34·…·21) (host 2), both below 1e-20; in table order they would be the
    /// host's row numbers, the same every run.
    /// </summary>
    [Theory]
    [InlineData(PsiMethod.Ecdh)]
    [InlineData(PsiMethod.Rsa)]
    public async Task Two_runs_place_the_shared_ids_at_unrelated_positions_of_a_hosts_list(PsiMethod method)
    {
        var options = PsiFederation.Options(method);
        var first = await PsiFederation.RunAsync(options, GuestIds, HostIds);
        var second = await PsiFederation.RunAsync(options, GuestIds, HostIds);
        for (var h = 0; h < HostIds.Length; h++)
        {
            var host = PsiFederation.FirstHostId + h;
            long[] Positions(PsiFederation run) => (long[])run.Transcripts[host].Entries.Single(e => e.Key.Tag == PsiOutcomeProtocol.IntersectionPositions.Name).Value!;
            Assert.Equal(15, Positions(first).Length);
            Assert.NotEqual(Positions(first), Positions(second));
        }
    }

    /// <summary>
    /// With guest-only output a host receives the guest's blinded ids and a bare verdict. After the run it reads every
    /// outcome tag from its mailbox as a curious host would: positions of the intersection must not be there, sent or not.
    /// </summary>
    [Theory]
    [InlineData(PsiMethod.Ecdh)]
    [InlineData(PsiMethod.Rsa)]
    public async Task With_guest_only_output_a_host_finds_nothing_positional_in_its_mailbox(PsiMethod method)
    {
        var options = PsiFederation.Options(method) with { Output = PsiOutput.Guest };
        var (contexts, transcripts) = PsiFederation.Join(HostIds.Length);
        var guest = Task.Run(() => PsiFederation.GuestRole(contexts[PsiFederation.GuestId], method)(GuestIds, options));
        var hosts = HostIds.Select((ids, h) => Task.Run(() => PsiFederation.HostRole(contexts[PsiFederation.FirstHostId + h], h, method)(ids, options))).ToList();
        await Task.WhenAll([guest, .. hosts]);
        Assert.Equal(15, (await guest).Rows!.Length);

        for (var h = 0; h < HostIds.Length; h++)
        {
            var host = PsiFederation.FirstHostId + h;
            Assert.Null((await hosts[h]).Rows);
            var verdict = (PsiVerdict)transcripts[host].Entries.Single(e => e.Key.Tag == PsiOutcomeProtocol.Verdict.Name).Value!;
            Assert.Equal(new PsiVerdict(null, false), verdict);
            // Every role has finished, so anything the guest sent is already delivered: a short wait is enough.
            using var patience = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var peek = await Record.ExceptionAsync(() => contexts[host].Guest.Receive(PsiOutcomeProtocol.IntersectionPositions, patience.Token));
            Assert.True(peek is OperationCanceledException, $"host {host} found \"{PsiOutcomeProtocol.IntersectionPositions.Name}\" in its mailbox under guest-only output");
        }
    }

    private static HashSet<string> Values(PsiFederation run, int party, string tag, int width) =>
        [.. run.Transcripts[party].ReceivedBy(party).Where(e => e.Key.Tag == tag)
            .SelectMany(e => PsiTranscriptTests.Split((byte[])e.Value!, width)).Select(Convert.ToHexString)];
}
