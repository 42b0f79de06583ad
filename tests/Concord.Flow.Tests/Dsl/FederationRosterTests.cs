using Concord.Federation.Parties;
using Concord.Flow.Dsl;
using Concord.Flow.Jobs;

namespace Concord.Flow.Tests.Dsl;

/// <summary>A job's parties checked against parties.yaml, with the line that names each one the federation lacks.</summary>
public class FederationRosterTests
{
    private const string Job = """
        job: { name: roster }
        parties:
          guest: 9999
          hosts: [10000]
          arbiter: 10003
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: t, name: rows } }
        """;

    private static readonly FederationConfig Federation = new("test", "ca.crt",
    [
        new PartyEntry(9999, Role.Guest, new Uri("https://127.0.0.1:1"), "a.crt", "a.key", null),
        new PartyEntry(10000, Role.Host, new Uri("https://127.0.0.1:2"), "b.crt", "b.key", null),
    ], "parties.yaml");

    [Fact]
    public void A_party_missing_from_parties_yaml_is_refused_with_the_line_that_names_it()
    {
        var ex = Assert.Throws<JobFileException>(() => FederationRoster.Check(JobFile.Parse(Job, "job.yaml"), Federation));

        Assert.Equal("job.yaml:5:12: party 10003 (arbiter) is not in parties.yaml; it lists 9999 (guest), 10000 (host)", ex.Message);
    }

    [Fact]
    public void A_node_admits_no_job_whose_party_is_missing_and_one_whose_parties_are_all_listed()
    {
        var admission = new JobAdmission(new JobLimits(), Federation, Flow.Dsl.Specs.ComponentSpecs.Default);

        var ex = Assert.Throws<JobFileException>(() => admission.Admit(Job, "job.yaml"));
        Assert.StartsWith("job.yaml:5:12: party 10003 (arbiter)", ex.Message, StringComparison.Ordinal);
        Assert.Equal([9999, 10000], admission.Admit(Job.Replace("  arbiter: 10003\n", "", StringComparison.Ordinal), "job.yaml").Roster.ToRoster().All().Select(p => p.Id));
    }

    [Fact]
    public void A_party_in_another_role_than_parties_yaml_gives_it_is_refused_at_its_line()
    {
        var swapped = Job.Replace("guest: 9999", "guest: 10000", StringComparison.Ordinal).Replace("hosts: [10000]", "hosts: [9999]", StringComparison.Ordinal)
            .Replace("  arbiter: 10003\n", "", StringComparison.Ordinal);

        var ex = Assert.Throws<JobFileException>(() => FederationRoster.Check(JobFile.Parse(swapped, "job.yaml"), Federation));

        Assert.StartsWith("job.yaml: 2 errors", ex.Message, StringComparison.Ordinal);
        Assert.Contains("job.yaml:3:10: the job names party 10000 as guest, but parties.yaml lists it as host", ex.Message, StringComparison.Ordinal);
        Assert.Contains("job.yaml:4:11: the job names party 9999 as host, but parties.yaml lists it as guest", ex.Message, StringComparison.Ordinal);
    }
}
