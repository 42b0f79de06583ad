using Concord.ML.Psi;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.ML.Tests.Psi;

/// <summary>Both methods against the plaintext intersection: the same sets, the same answers, the same errors.</summary>
public class PsiProtocolTests
{
    [Theory]
    [InlineData(PsiMethod.Ecdh)]
    [InlineData(PsiMethod.Rsa)]
    public void Two_parties_find_exactly_the_plaintext_intersection_in_id_order(PsiMethod method)
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), Prop.ForAll(IdSets(2), sets => Holds(method, sets)));
    }

    [Theory]
    [InlineData(PsiMethod.Ecdh)]
    [InlineData(PsiMethod.Rsa)]
    public void Three_parties_find_exactly_the_plaintext_intersection_in_id_order(PsiMethod method)
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(15), Prop.ForAll(IdSets(3), sets => Holds(method, sets)));
    }

    [Theory]
    [InlineData(PsiMethod.Ecdh)]
    [InlineData(PsiMethod.Rsa)]
    public async Task String_ids_such_as_phone_numbers_intersect_and_rows_line_up(PsiMethod method)
    {
        string[] guest = ["+44 20 7946 0958", "+1-202-555-0173", "0049 30 901820", "Łódź#7", "+33 1 70 36 39 50"];
        string[] host = ["+33 1 70 36 39 50", "+1-202-555-0199", "Łódź#7", "+44 20 7946 0958", "+44 20 7946 0959"];

        var run = await PsiFederation.RunAsync(PsiFederation.Options(method), guest, host);

        string[] expected = ["+33 1 70 36 39 50", "+44 20 7946 0958", "Łódź#7"];
        Assert.Equal(expected, run.Guest.Rows!.Select(r => guest[r]));
        Assert.Equal(expected, run.Hosts[0].Rows!.Select(r => host[r]));
    }

    [Theory]
    [InlineData(PsiMethod.Ecdh)]
    [InlineData(PsiMethod.Rsa)]
    public async Task With_output_at_the_guest_only_hosts_get_no_rows(PsiMethod method)
    {
        string[] guest = ["a", "b", "c"];
        string[] host1 = ["c", "d", "a"];
        string[] host2 = ["a", "c", "e"];

        var run = await PsiFederation.RunAsync(PsiFederation.Options(method) with { Output = PsiOutput.Guest }, guest, host1, host2);

        Assert.Equal(["a", "c"], run.Guest.Rows!.Select(r => guest[r]));
        Assert.All(run.Hosts, h => Assert.Null(h.Rows));
        Assert.DoesNotContain(run.Transcripts[PsiFederation.FirstHostId].Entries, e => e.Key.Tag == "intersection_positions");
    }

    [Theory]
    [InlineData(PsiMethod.Ecdh)]
    [InlineData(PsiMethod.Rsa)]
    public async Task An_empty_intersection_fails_at_every_party_naming_the_parties(PsiMethod method)
    {
        var (guest, hosts, _) = PsiFederation.Start(PsiFederation.Options(method), ["1", "2", "3"], ["2", "4"], ["3", "5"]);

        var atGuest = await Assert.ThrowsAsync<EmptyIntersectionException>(() => guest);
        Assert.Contains($"{PsiFederation.GuestId}", atGuest.Message);
        Assert.Contains($"{PsiFederation.FirstHostId}", atGuest.Message);
        Assert.Contains($"{PsiFederation.FirstHostId + 1}", atGuest.Message);
        Assert.Contains("empty", atGuest.Message);
        foreach (var host in hosts)
        {
            var atHost = await Assert.ThrowsAsync<EmptyIntersectionException>(() => host);
            Assert.Contains("empty", atHost.Message);
        }
    }

    [Theory]
    [InlineData(PsiMethod.Ecdh)]
    [InlineData(PsiMethod.Rsa)]
    public async Task Parties_with_different_salts_share_nothing_and_the_error_says_to_check_the_salt(PsiMethod method)
    {
        // Same ids, different salts: the hashes differ, so the run must stop rather than report a wrong answer.
        var (guest, hosts, _) = PsiFederation.Start(
            PsiFederation.Options(method, "guest-salt"), PsiFederation.Options(method, "host-salt"), ["1", "2"], ["1", "2"]);

        var error = await Assert.ThrowsAsync<EmptyIntersectionException>(() => guest);
        Assert.Contains("salt", error.Message);
        await Assert.ThrowsAsync<EmptyIntersectionException>(() => hosts[0]);
    }

    [Fact]
    public void An_rsa_key_below_1024_bits_is_refused_naming_the_minimum()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PsiOptions(Method: PsiMethod.Rsa, RsaKeyBits: 768));
        Assert.Contains("768 bits is too weak for PSI; use at least 1024", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => PsiFederation.Options(PsiMethod.Rsa) with { RsaKeyBits = 512 });
    }

    private static bool Holds(PsiMethod method, string[][] sets)
    {
        var run = PsiFederation.RunAsync(PsiFederation.Options(method), sets[0], sets[1..]).GetAwaiter().GetResult();
        var expected = sets.Skip(1).Aggregate(sets[0].AsEnumerable(), (acc, s) => acc.Intersect(s, StringComparer.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();
        var guestIds = run.Guest.Rows!.Select(r => sets[0][r]).ToArray();
        return guestIds.SequenceEqual(expected)
            && run.Hosts.Select((h, i) => h.Rows!.Select(r => sets[i + 1][r])).All(ids => ids.SequenceEqual(expected))
            && run.Guest.LocalCount == sets[0].Length;
    }

    // Distinct ids per party drawn from a small universe, so that overlaps are common; one shared id keeps the
    // intersection non-empty (the empty case is an error, tested above).
    private static Arbitrary<string[][]> IdSets(int parties) =>
        Gen.Choose(0, 60).ListOf().Select(ids => ids.Select(i => $"id{i}").Append("shared").Distinct().ToArray())
            .ArrayOf(parties)
            .ToArbitrary();
}
