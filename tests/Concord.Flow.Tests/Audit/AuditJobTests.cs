using Concord.Federation;
using Concord.Federation.Security;
using Concord.Flow.Audit;
using Concord.Flow.Control;
using Microsoft.Data.Sqlite;

namespace Concord.Flow.Tests.Audit;

/// <summary>The audit trails a real job leaves at every party (nodes in this process, HTTP/2 with mutual TLS).</summary>
public sealed class AuditJobTests
{
    private const int Guest = 9999;
    private static readonly int[] Hosts = [10000, 10001];

    private static string Job(params int[] hosts) => $$"""
        job: { name: audit-test, timeout: 60, seed: 1 }
        parties: { guest: 9999, hosts: [{{string.Join(", ", hosts)}}] }
        components:
          - name: first
            type: scale
            parameters: { value: 2.0 }
          - name: second
            type: scale
            parameters: { value: 3.0 }
        """;

    /// <summary>A party's trail exported through its API and verified against its certificate, with every record.</summary>
    private static async Task<(AuditVerdict Verdict, JobTrail Trail)> ExportAsync(LoopbackNodes nodes, int party)
    {
        using var api = nodes.Operator(party);
        var bytes = new MemoryStream();
        await api.ExportAuditAsync(bytes, CancellationToken.None);
        bytes.Position = 0;
        await using var export = await AuditExportReader.OpenAsync(bytes, $"party {party}'s export", CancellationToken.None);
        Assert.Equal(party, export.Party);
        var records = new List<AuditRecord>();
        var verdict = await AuditVerifier.VerifyAsync(party, export.Checkpoints, export.RecordsAsync(),
            CertificateFiles.LoadPublic(nodes.Config.Party(party).Certificate), records.Add);
        return (verdict, new JobTrail(party, records));
    }

    private static IEnumerable<AuditRecord> OfJob(JobTrail trail, string jobId) => trail.Records.Where(r => r.JobId == jobId);

    private static async Task<string> RunJobAsync(LoopbackNodes nodes, params int[] hosts)
    {
        using var api = nodes.Operator(Guest);
        var view = await api.WaitAsync(await api.SubmitAsync(Job(hosts), "audit.yaml", CancellationToken.None), null, CancellationToken.None);
        Assert.True(view.Job.State == TaskState.Success, view.Job.Error);
        return view.Job.JobId;
    }

    [Fact]
    public async Task A_job_leaves_intact_signed_trails_whose_sent_and_received_messages_match_at_both_ends()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest, Hosts);
        var jobId = await RunJobAsync(nodes, Hosts);

        var trails = new[] { await ExportAsync(nodes, Guest) }.Concat(await Task.WhenAll(Hosts.Select(h => ExportAsync(nodes, h)))).ToList();
        var guest = trails[0].Trail;
        foreach (var (verdict, export) in trails)
        {
            Assert.True(verdict.Intact, verdict.FirstBad?.Message);
            Assert.Equal(verdict.Records, verdict.SignedThrough);
            Assert.Contains(OfJob(export, jobId), r => r.Kind == AuditKinds.JobStarted);
            if (export.Party == Guest)
            {
                continue;
            }
            var reconciliation = AuditReconciler.Reconcile(jobId, guest, export);
            Assert.True(reconciliation.Consistent, string.Join("; ", reconciliation.Mismatches.Select(m => m.Problem)));
            // Each component: the guest's value out, the host's answer back.
            Assert.Equal(4, reconciliation.Compared);
            var received = OfJob(export, jobId).Where(r => r.Kind == AuditKinds.MessageReceived).ToList();
            Assert.Equal(2, received.Count);
            Assert.All(received, r => Assert.Equal((Guest, 64), (r.Peer!.Value, r.Digest!.Length)));
        }
        Assert.Contains(OfJob(guest, jobId), r => r.Kind == AuditKinds.JobSubmitted);
    }

    [Fact]
    public async Task A_message_record_deleted_at_a_host_breaks_its_trail_and_shows_in_reconciliation()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest, Hosts[0]);
        var jobId = await RunJobAsync(nodes, Hosts[0]);
        var (_, host) = await ExportAsync(nodes, Hosts[0]);
        var dropped = OfJob(host, jobId).First(r => r.Kind == AuditKinds.MessageReceived);

        await using (var db = new SqliteConnection($"Data Source={Path.Combine(nodes.Config.Party(Hosts[0]).Home!, "flow.db")};Pooling=False"))
        {
            await db.OpenAsync();
            await using var delete = db.CreateCommand();
            delete.CommandText = $"DELETE FROM audit_records WHERE seq = {dropped.Seq}";
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }
        var (verdict, tampered) = await ExportAsync(nodes, Hosts[0]);

        Assert.Equal(dropped.Seq, verdict.FirstBad!.Seq);
        var mismatch = Assert.Single(AuditReconciler.Reconcile(jobId, (await ExportAsync(nodes, Guest)).Trail, tampered).Mismatches);
        Assert.Equal(dropped.Subject, mismatch.Subject);
        Assert.EndsWith($"but party {Hosts[0]} has no record of receiving it", mismatch.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_sign_ins_and_refused_requests_are_recorded_and_listed_through_the_api()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest, Hosts[0]);
        using var intruder = nodes.AsPartyApi(Hosts[0], Guest);
        await Assert.ThrowsAsync<FederationException>(() => intruder.ListJobsAsync(CancellationToken.None));
        using var api = nodes.Operator(Guest);
        await api.ListJobsAsync(CancellationToken.None);
        await api.ListJobsAsync(CancellationToken.None);

        await api.ExportAuditAsync(Stream.Null, CancellationToken.None);
        var records = await api.AuditRecordsAsync(new AuditQuery(), CancellationToken.None);

        var refused = Assert.Single(records, r => r.Kind == AuditKinds.Refused);
        Assert.Equal(("GET /api/v1/jobs", $"party {Hosts[0]}'s certificate from 127.0.0.1"), (refused.Subject, refused.Actor));
        // One sign-in per connection, however many requests it carries.
        // (The test harness's own set-up signed in earlier, with the node's token.)
        var signIn = Assert.Single(records, r => r.Kind == AuditKinds.SignIn && r.Actor!.StartsWith("operator certificate ", StringComparison.Ordinal));
        Assert.EndsWith(" from 127.0.0.1", signIn.Actor, StringComparison.Ordinal);
        Assert.Contains(records, r => r.Kind == "governance.setting_changed" && r.Subject == "require_grants");
    }
}
