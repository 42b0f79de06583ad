using Concord.Data;
using Concord.Federation;
using Concord.Federation.Parties;
using Concord.ML.Preprocessing.DataSplit;

namespace Concord.ML.Tests.Preprocessing;

/// <summary>data_split: sizes, the seeded split, and a guest and host splitting the same ids alike over the in-memory transport.</summary>
public sealed class DataSplitTests
{
    private const int GuestId = 9999, HostId = 10000;

    [Theory]
    [InlineData(null, null, null, 100, 80, 20, 0)]
    [InlineData(0.6, 0.2, 0.2, 100, 60, 20, 20)]
    [InlineData(null, 0.25, null, 10, 7, 3, 0)]
    [InlineData(0.7, null, 0.1, 10, 7, 2, 1)]
    [InlineData(50.0, 20.0, null, 100, 50, 20, 30)]
    [InlineData(50.0, 20.0, 10.0, 100, 50, 20, 10)]
    public void Sizes_resolve_to_counts(double? train, double? validate, double? test, int rows, int expectTrain, int expectValidate, int expectTest)
    {
        var sizes = SplitSizes.Of(new DataSplitOptions { TrainSize = train, ValidateSize = validate, TestSize = test });
        Assert.Equal((expectTrain, expectValidate, expectTest), sizes.For(rows));
    }

    [Theory]
    [InlineData(0.6, 0.2, 0.1, "test_size", "add up to 0.9")]
    [InlineData(0.8, 0.3, null, "validate_size", "add up to 1.1")]
    [InlineData(50.5, null, null, "train_size", "must be a whole number")]
    public void Sizes_the_job_file_shows_wrong_are_named(double? train, double? validate, double? test, string parameter, string message)
    {
        var problem = SplitSizes.Problem(new DataSplitOptions { TrainSize = train, ValidateSize = validate, TestSize = test });
        Assert.NotNull(problem);
        Assert.Equal(parameter, problem.Value.Parameter);
        Assert.Contains(message, problem.Value.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_beyond_the_rows_are_refused_naming_the_party()
    {
        var ex = Assert.Throws<ArgumentException>(() => LocalSplit.Of(PreprocessingTables.Guest(10), new DataSplitOptions { TrainSize = 8, TestSize = 5 }, 1, new PartyRef(Role.Guest, GuestId)));
        Assert.Equal($"party guest:{GuestId}: the sizes ask for 13 rows (8 train, 0 validate, 5 test) but the table has 10", ex.Message);
    }

    [Fact]
    public void The_split_is_a_seeded_shuffle_independent_of_row_order()
    {
        var table = PreprocessingTables.Guest(200);
        var sizes = SplitSizes.Of(new DataSplitOptions { TrainSize = 0.5, ValidateSize = 0.3, TestSize = 0.2 });
        var sets = SplitAssignment.Of(table.Ids, sizes, seed: 7, shuffle: true);
        var reversed = SplitAssignment.Of([.. table.Ids.Reverse()], sizes, seed: 7, shuffle: true);
        Assert.Equal(sets, reversed.Reverse());
        Assert.Equal([100, 60, 40], new[] { SplitSet.Train, SplitSet.Validate, SplitSet.Test }.Select(s => sets.Count(x => x == s)));
        // Not the first rows in order: a shuffle puts about half of the first 100 ids in train, never all of them.
        Assert.InRange(sets.Take(100).Count(s => s == SplitSet.Train), 30, 70);
        Assert.NotEqual(sets, SplitAssignment.Of(table.Ids, sizes, seed: 8, shuffle: true));
        var unshuffled = SplitAssignment.Of(table.Ids, sizes, seed: 7, shuffle: false);
        var inIdOrder = table.Ids.Select((id, i) => (id, i)).OrderBy(p => p.id, StringComparer.Ordinal).Select(p => unshuffled[p.i]);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i < 100 ? SplitSet.Train : i < 160 ? SplitSet.Validate : SplitSet.Test), inIdOrder);
    }

    [Fact]
    public void A_stratified_split_keeps_each_class_proportion_within_one_row()
    {
        var table = PreprocessingTables.Guest(400);
        var sets = SplitAssignment.Of(table.Ids, SplitSizes.Of(new DataSplitOptions { TrainSize = 0.7, ValidateSize = 0.3 }), 3, true, table.Labels);
        foreach (var label in new[] { 0.0, 1.0 })
        {
            var inClass = Enumerable.Range(0, 400).Where(i => table.Labels![i] == label).ToList();
            var validate = inClass.Count(i => sets[i] == SplitSet.Validate);
            Assert.InRange(validate, (int)Math.Floor(0.3 * inClass.Count), (int)Math.Ceiling(0.3 * inClass.Count));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Guest_and_host_put_the_same_ids_in_the_same_set(bool stratified)
    {
        var options = new DataSplitOptions { TrainSize = 0.6, ValidateSize = 0.2, TestSize = 0.2, Stratified = stratified };
        var guest = PreprocessingTables.Guest(150);
        var host = PreprocessingTables.Host(150);
        var (guestSets, hostSets, parties) = await RunAsync(guest, host, options);
        var byId = guest.Ids.Zip(guestSets).ToDictionary(p => p.First, p => p.Second);
        Assert.All(host.Ids.Zip(hostSets), p => Assert.Equal(byId[p.First], p.Second));
        Assert.Equal(guestSets, SplitAssignment.Of(guest.Ids, SplitSizes.Of(options), 5, true, stratified ? guest.Labels : null));

        // What the host saw: one membership message, carrying ids only when the split needs the guest's label.
        var received = Assert.Single(parties.Transcripts[HostId].ReceivedBy(HostId));
        var membership = Assert.IsType<SplitMembership>(received.Value);
        Assert.Null(membership.Rejection);
        Assert.Equal(stratified, membership.Train is not null);
        if (stratified)
        {
            // The ids of each set, which the host already holds, and the split itself: nothing else.
            Assert.Equal(host.Ids.Where((_, i) => hostSets[i] == SplitSet.Train).Order(StringComparer.Ordinal), membership.Train!.Order(StringComparer.Ordinal));
            Assert.DoesNotContain("\"y\"", System.Text.Encoding.UTF8.GetString(received.Payload), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Different_id_sets_stop_both_parties_naming_the_host()
    {
        var guest = PreprocessingTables.Guest(20);
        var host = PreprocessingTables.Host(19);
        var parties = Parties();
        var guestRun = new DataSplitGuest(parties.Contexts[new PartyRef(Role.Guest, GuestId)]).RunAsync(guest, new DataSplitOptions(), 5);
        var hostRun = new DataSplitHost(parties.Contexts[new PartyRef(Role.Host, HostId)]).RunAsync(host, new DataSplitOptions(), 5);
        var guestError = await Assert.ThrowsAsync<ArgumentException>(() => guestRun);
        Assert.Equal($"host host:{HostId} holds 19 rows whose ids are not the guest's 20: intersect with psi first, or set hetero_sync false to split each party on its own", guestError.Message);
        var hostError = await Assert.ThrowsAsync<FederationException>(() => hostRun);
        Assert.StartsWith("the guest stopped data_split: host host:10000 holds 19 rows", hostError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stratified_split_at_a_host_without_sync_needs_its_own_label()
    {
        var parties = Parties();
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new DataSplitHost(parties.Contexts[new PartyRef(Role.Host, HostId)])
            .RunAsync(PreprocessingTables.Host(10), new DataSplitOptions { Stratified = true, HeteroSync = false }, 5));
        Assert.Equal($"party host:{HostId}: stratified needs the label, and this party's table has none", ex.Message);
    }

    private static InMemoryParties Parties() => InMemoryParties.Join(new Roster(GuestId, [HostId]), "job-split", ["data_split"], TimeSpan.FromSeconds(30));

    private static async Task<(SplitSet[] Guest, SplitSet[] Host, InMemoryParties Parties)> RunAsync(PartyTable guest, PartyTable host, DataSplitOptions options)
    {
        var parties = Parties();
        var guestRun = Task.Run(() => new DataSplitGuest(parties.Contexts[new PartyRef(Role.Guest, GuestId)]).RunAsync(guest, options, 5));
        var hostRun = Task.Run(() => new DataSplitHost(parties.Contexts[new PartyRef(Role.Host, HostId)]).RunAsync(host, options, 5));
        return (await guestRun, await hostRun, parties);
    }
}
