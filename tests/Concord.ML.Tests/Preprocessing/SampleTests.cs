using Concord.Data;
using Concord.Federation;
using Concord.Federation.Parties;
using Concord.ML.Preprocessing.Sample;

namespace Concord.ML.Tests.Preprocessing;

/// <summary>sample: seeded random draws per label, SMOTE against its definition, and guest and host keeping the same ids.</summary>
public sealed class SampleTests
{
    private const int GuestId = 9999, HostId = 10000;

    [Fact]
    public void A_fraction_per_label_thins_one_class_and_up_samples_the_other_with_renamed_repeats()
    {
        var table = PreprocessingTables.Guest(400);
        var ones = table.Labels!.Count(l => l == 1);
        var options = new SampleOptions { LabelFrac = ["0:0.5", "1:2"], Replace = true };
        var sampled = SampleProtocol.Take(table, SamplePlan.Of(table, options, 3));
        Assert.Equal(SamplePlan.Count(0.5, 400 - ones), sampled.Labels!.Count(l => l == 0));
        Assert.Equal(2 * ones, sampled.Labels!.Count(l => l == 1));
        Assert.Contains(sampled.Ids, id => id.EndsWith("_1", StringComparison.Ordinal));
        Assert.Equal(sampled.Ids, SampleProtocol.Take(table, SamplePlan.Of(table, options, 3)).Ids);
        Assert.NotEqual(sampled.Ids, SampleProtocol.Take(table, SamplePlan.Of(table, options, 4)).Ids);
    }

    [Fact]
    public void Down_sampling_without_replacement_keeps_distinct_rows_unchanged()
    {
        var table = PreprocessingTables.Guest(100);
        var sampled = SampleProtocol.Take(table, SamplePlan.Of(table, new SampleOptions { N = 30 }, 1));
        Assert.Equal(30, sampled.Ids.Distinct().Count());
        var row = table.Ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        Assert.All(Enumerable.Range(0, 30), i => Assert.Equal(table[row[sampled.Ids[i]], 0], sampled[i, 0]));
    }

    [Fact]
    public void Smote_rows_lie_between_a_row_and_one_of_its_k_nearest_neighbours_of_the_same_class()
    {
        var table = PreprocessingTables.Guest(120);
        var ones = Enumerable.Range(0, 120).Where(i => table.Labels![i] == 1).ToArray();
        var sampled = Smote.Apply(table, new SampleOptions { Method = SampleMethod.Smote, LabelFrac = ["1:3"], K = 3, HeteroSync = false }, 9);
        Assert.Equal(3 * ones.Length, sampled.Labels!.Count(l => l == 1));
        Assert.Equal(120 - ones.Length, sampled.Labels!.Count(l => l == 0));
        var row = table.Ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var synthetic = Enumerable.Range(0, sampled.RowCount).Where(i => sampled.Ids[i].Contains("_smote", StringComparison.Ordinal)).ToList();
        Assert.Equal(2 * ones.Length, synthetic.Count);
        foreach (var i in synthetic)
        {
            var from = row[sampled.Ids[i][..sampled.Ids[i].IndexOf("_smote", StringComparison.Ordinal)]];
            var x = new[] { table[from, 0], table[from, 1] };
            var z = new[] { sampled[i, 0], sampled[i, 1] };
            // Some neighbour y among the 3 nearest ones satisfies z = x + u (y - x) for one u in [0, 1] (tolerance 1e-9).
            var nearest = ones.Where(m => m != from).OrderBy(m => Math.Pow(table[m, 0] - x[0], 2) + Math.Pow(table[m, 1] - x[1], 2)).ThenBy(m => m).Take(3);
            Assert.Contains(nearest, m =>
            {
                var y = new[] { table[m, 0], table[m, 1] };
                var u = Math.Abs(y[0] - x[0]) > 1e-12 ? (z[0] - x[0]) / (y[0] - x[0]) : (z[1] - x[1]) / (y[1] - x[1]);
                return u is >= -1e-9 and <= 1 + 1e-9 && Math.Abs(x[0] + u * (y[0] - x[0]) - z[0]) < 1e-9 && Math.Abs(x[1] + u * (y[1] - x[1]) - z[1]) < 1e-9;
            });
        }
    }

    [Fact]
    public void Bad_options_and_tables_are_named()
    {
        Assert.Equal(("replace", "frac 1.5 up-samples, which needs replace true"), SamplePlan.Problem(new SampleOptions { Frac = 1.5 }));
        Assert.Equal(("n", "n cannot be used with frac or label_frac"), SamplePlan.Problem(new SampleOptions { Frac = 0.5, N = 3 }));
        Assert.Equal("label_frac", SamplePlan.Problem(new SampleOptions { LabelFrac = ["yes"] })!.Value.Parameter);
        var host = PreprocessingTables.Host(10);
        Assert.Equal("label_frac needs the label, and this party's table has none",
            Assert.Throws<ArgumentException>(() => SamplePlan.Of(host, new SampleOptions { LabelFrac = ["1:0.5"] }, 1)).Message);
        Assert.Equal("n 11 is more than the 10 rows; set replace true to up-sample",
            Assert.Throws<ArgumentException>(() => SamplePlan.Of(host, new SampleOptions { N = 11 }, 1)).Message);
        var missing = PartyTable.Create("id", ["a", "b"], ["m"], [[1, double.NaN]], "y", [1, 1]);
        Assert.Equal("smote: column \"m\" has missing values; impute them first",
            Assert.Throws<ArgumentException>(() => Smote.Apply(missing, new SampleOptions { Method = SampleMethod.Smote, LabelFrac = ["1:2"] }, 1)).Message);
    }

    [Fact]
    public async Task The_host_keeps_exactly_the_ids_the_guest_drew()
    {
        var guest = PreprocessingTables.Guest(80);
        var host = PreprocessingTables.Host(80);
        var parties = InMemoryParties.Join(new Roster(GuestId, [HostId]), "job-sample", ["sample"], TimeSpan.FromSeconds(30));
        var options = new SampleOptions { Frac = 1.5, Replace = true };
        var guestRun = Task.Run(() => new SampleGuest(parties.Contexts[new PartyRef(Role.Guest, GuestId)]).RunAsync(guest, options, 2));
        var hostRun = Task.Run(() => new SampleHost(parties.Contexts[new PartyRef(Role.Host, HostId)]).RunAsync(host, options, 2));
        var (atGuest, atHost) = (await guestRun, await hostRun);
        Assert.Equal(120, atGuest.RowCount);
        Assert.Equal(atGuest.Ids, atHost.Ids);
        // What the host saw: the drawn ids (its own), nothing of the label.
        var draw = Assert.IsType<SampleDraw>(Assert.Single(parties.Transcripts[HostId].ReceivedBy(HostId)).Value);
        Assert.All(draw.Ids!, id => Assert.Contains(id, host.Ids));
    }

    [Fact]
    public async Task A_host_told_of_an_id_it_lacks_stops_naming_the_guest()
    {
        var parties = InMemoryParties.Join(new Roster(GuestId, [HostId]), "job-sample", ["sample"], TimeSpan.FromSeconds(30));
        var options = new SampleOptions { Frac = 0.5 };
        var guestRun = new SampleGuest(parties.Contexts[new PartyRef(Role.Guest, GuestId)]).RunAsync(PreprocessingTables.Guest(40), options, 2);
        var ex = await Assert.ThrowsAsync<FederationException>(() => new SampleHost(parties.Contexts[new PartyRef(Role.Host, HostId)]).RunAsync(PreprocessingTables.Host(5), options, 2));
        Assert.Equal($"party guest:{GuestId} drew an id this host does not hold: intersect with psi before sample", ex.Message);
        await guestRun;
    }
}
