using Concord.Data;
using Concord.Federation;
using Concord.Federation.Security;
using Concord.Flow.Components;
using Concord.Flow.Control;
using Concord.Flow.Jobs;
using Concord.Flow.Store;

namespace Concord.Flow.Tests.Hardening;

/// <summary>
/// A peer with a valid certificate posts a job start straight to another node's control endpoint, the way an
/// operator of party 10000 could with curl, to make party 9999 read its table for a job 9999's operator never saw.
/// </summary>
public class UnsolicitedStartTests
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private static readonly ComponentCatalog Catalog = new([new ReaderComponent()]);

    private static string Job(int guest, int host) => $$"""
        job: { name: unsolicited, timeout: 60 }
        parties: { guest: {{guest}}, hosts: [{{host}}] }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: test, name: rows } }
        """;

    [Fact]
    public async Task A_start_naming_the_roles_the_other_way_round_is_refused_and_nothing_is_stored()
    {
        await using var nodes = await StartAsync();
        using var attacker = new ControlClient(nodes.Config.Party(Guest).Address, Guest, nodes.PartyCertificate(Host), CertificateFiles.LoadPublic(nodes.Config.CaCertificate));

        // The peer names itself the guest, so it is the job's initiator; parties.yaml says otherwise.
        var ex = await Assert.ThrowsAsync<FederationException>(() => attacker.StartJobAsync(Start("job-unsolicited-1", Job(Host, Guest)), CancellationToken.None));

        Assert.Contains($"names party {Host} as guest, but", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lists it as host", ex.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(nodes, "job-unsolicited-1");
        Assert.Contains(nodes.Log, l => l.Contains($"[job-unsolicited-1] start of attempt 1 received from party {Host}", StringComparison.Ordinal));
        Assert.Contains(nodes.Log, l => l.Contains("[job-unsolicited-1] refused the start from party 10000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_start_from_a_party_that_is_not_the_jobs_initiator_is_forbidden_and_nothing_is_stored()
    {
        await using var nodes = await StartAsync();
        using var attacker = new ControlClient(nodes.Config.Party(Guest).Address, Guest, nodes.PartyCertificate(Host), CertificateFiles.LoadPublic(nodes.Config.CaCertificate));

        // A faithful roster, but sent by the host: only the guest it names may start it.
        var ex = await Assert.ThrowsAsync<FederationException>(() => attacker.StartJobAsync(Start("job-unsolicited-2", Job(Guest, Host)), CancellationToken.None));

        Assert.Contains("(403)", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"party {Host} may not start job job-unsolicited-2 at party {Guest}: only its initiator, party {Guest}, may", ex.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(nodes, "job-unsolicited-2");
    }

    [Fact]
    public async Task A_job_naming_a_party_missing_from_parties_yaml_is_refused_at_submit()
    {
        await using var nodes = await StartAsync();
        using var api = nodes.Operator(Guest);

        var ex = await Assert.ThrowsAsync<FederationException>(() => api.SubmitAsync(Job(Guest, 10077), "stranger.yaml", CancellationToken.None));

        Assert.Matches(@"stranger\.yaml:\d+:\d+: party 10077 \(host\) is not in \S*parties\.yaml", ex.Message);
        Assert.Empty(await api.ListJobsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Anonymous_callers_get_the_same_answer_for_a_job_that_exists_and_one_that_does_not()
    {
        await using var nodes = await StartAsync();
        using var api = nodes.Operator(Guest);
        var jobId = await api.SubmitAsync(Job(Guest, Host), "real.yaml", CancellationToken.None);
        await api.WaitAsync(jobId, null, CancellationToken.None);
        using var anonymous = new NodeClient(nodes.Config.Party(Host).Address, Host, null, CertificateFiles.LoadPublic(nodes.Config.CaCertificate));
        using var stranger = new ControlClient(nodes.Config.Party(Host).Address, Host, nodes.PartyCertificate(Host), CertificateFiles.LoadPublic(nodes.Config.CaCertificate));

        var known = await Assert.ThrowsAsync<FederationException>(() => anonymous.SendAsync<List<TaskRecord>>(HttpMethod.Get, ControlPaths.JobTasks(jobId), null, CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<FederationException>(() => anonymous.SendAsync<List<TaskRecord>>(HttpMethod.Get, ControlPaths.JobTasks("job-none"), null, CancellationToken.None));
        // A party other than the initiator (here the host asking about itself) learns no more than that.
        var known2 = await Assert.ThrowsAsync<FederationException>(() => stranger.JobTasksAsync(jobId, CancellationToken.None));
        var unknown2 = await Assert.ThrowsAsync<FederationException>(() => stranger.JobTasksAsync("job-none", CancellationToken.None));

        Assert.Equal(known.Message.Replace(ControlPaths.JobTasks(jobId), "", StringComparison.Ordinal), unknown.Message.Replace(ControlPaths.JobTasks("job-none"), "", StringComparison.Ordinal));
        Assert.Contains("(403)", known.Message, StringComparison.Ordinal);
        Assert.Equal(known2.Message.Replace(jobId, "ID", StringComparison.Ordinal), unknown2.Message.Replace("job-none", "ID", StringComparison.Ordinal));
        Assert.Contains("(403)", known2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_body_far_over_the_job_file_limit_is_cut_off_unread()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], arbiter: null, s => s with { JobLimits = new() { MaxFileKilobytes = 1 } });
        using var peer = new ControlClient(nodes.Config.Party(Host).Address, Host, nodes.PartyCertificate(Guest), CertificateFiles.LoadPublic(nodes.Config.CaCertificate));
        var padded = Job(Guest, Host) + "\n#" + new string('x', 512 * 1024);

        var ex = await Assert.ThrowsAsync<FederationException>(() => peer.StartJobAsync(Start("job-padded", padded), CancellationToken.None));

        Assert.True(ex.Message.Contains("(413)", StringComparison.Ordinal), ex.Message);
    }

    private static JobStart Start(string jobId, string jobFile) => new(jobId, jobFile, 1, [], new Dictionary<string, long>());

    private static async Task<LoopbackNodes> StartAsync()
    {
        var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, Host);
        foreach (var party in new[] { Guest, Host })
        {
            TableStore.Open(nodes.Config.Party(party).Home!).Save(new TableName("test", "rows"), PartyTable.Create("id", ["a", "b"], ["x"], [[1.0, 2.0]]));
        }
        return nodes;
    }

    /// <summary>No job record, no task, no table under the job's name at the party that was asked.</summary>
    private static async Task AssertNothingStoredAsync(LoopbackNodes nodes, string jobId)
    {
        using var api = nodes.Operator(Guest);
        Assert.DoesNotContain(await api.ListJobsAsync(CancellationToken.None), j => j.JobId == jobId);
        Assert.DoesNotContain(TableStore.Open(nodes.Config.Party(Guest).Home!).List(), t => t.Name.Namespace == jobId);
    }
}
