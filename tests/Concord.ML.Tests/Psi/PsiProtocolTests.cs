using Concord.ML.Psi;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.ML.Tests.Psi;

public class PsiProtocolTests
{
    private static readonly PsiOptions Options = new("job-salt");

    [Fact]
    public void Two_parties_find_exactly_the_plaintext_intersection_in_id_order()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), Prop.ForAll(IdSets(2), Holds));
    }

    [Fact]
    public void Three_parties_find_exactly_the_plaintext_intersection_in_id_order()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(15), Prop.ForAll(IdSets(3), Holds));
    }

    [Fact]
    public async Task String_ids_such_as_phone_numbers_intersect_and_rows_line_up()
    {
        string[] guest = ["+44 20 7946 0958", "+1-202-555-0173", "0049 30 901820", "Łódź#7", "+33 1 70 36 39 50"];
        string[] host = ["+33 1 70 36 39 50", "+1-202-555-0199", "Łódź#7", "+44 20 7946 0958", "+44 20 7946 0959"];

        var run = await PsiFederation.RunAsync(Options, guest, host);

        string[] expected = ["+33 1 70 36 39 50", "+44 20 7946 0958", "Łódź#7"];
        Assert.Equal(expected, run.Guest.Rows!.Select(r => guest[r]));
        Assert.Equal(expected, run.Hosts[0].Rows!.Select(r => host[r]));
    }

    [Fact]
    public async Task With_output_at_the_guest_only_hosts_get_no_rows()
    {
        string[] guest = ["a", "b", "c"];
        string[] host = ["c", "d", "a"];

        var run = await PsiFederation.RunAsync(Options with { Output = PsiOutput.Guest }, guest, host);

        Assert.Equal(["a", "c"], run.Guest.Rows!.Select(r => guest[r]));
        Assert.Null(run.Hosts[0].Rows);
        Assert.DoesNotContain(run.Transcripts[PsiFederation.FirstHostId].Entries, e => e.Key.Tag == "intersection_positions");
    }

    [Fact]
    public async Task An_empty_intersection_fails_at_every_party_naming_the_parties()
    {
        var (guest, hosts, _) = PsiFederation.Start(Options, ["1", "2", "3"], ["2", "4"], ["3", "5"]);

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

    [Fact]
    public async Task Parties_with_different_salts_share_nothing_and_the_error_says_to_check_the_salt()
    {
        // Same ids, different salts: the hashes differ, so the run must stop rather than report a wrong answer.
        var (guest, hosts, _) = PsiFederation.Start(new PsiOptions("guest-salt"), new PsiOptions("host-salt"), ["1", "2"], ["1", "2"]);

        var error = await Assert.ThrowsAsync<EmptyIntersectionException>(() => guest);
        Assert.Contains("salt", error.Message);
        await Assert.ThrowsAsync<EmptyIntersectionException>(() => hosts[0]);
    }

    private static bool Holds(string[][] sets)
    {
        var run = PsiFederation.RunAsync(Options, sets[0], sets[1..]).GetAwaiter().GetResult();
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
