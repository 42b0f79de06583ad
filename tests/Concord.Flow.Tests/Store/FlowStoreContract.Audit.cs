using Concord.Flow.Audit;
using Concord.Flow.Tests.Audit;

namespace Concord.Flow.Tests.Store;

public abstract partial class FlowStoreContract
{
    [StoreFact]
    public async Task Audit_appends_from_two_handles_at_once_form_one_unbroken_chain()
    {
        const int Batches = 10;
        var store = await NewStoreAsync();
        var second = await ReopenAsync(store);

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var handle = w % 2 == 0 ? store : second;
            for (var b = 0; b < Batches; b++)
            {
                await handle.AppendAuditAsync([AuditTrails.Event((w * 100) + b) with { Actor = $"writer {w}" }, AuditTrails.Event((w * 100) + b + 50)]);
            }
        })));

        var records = await second.AuditRecordsAsync(new AuditQuery());
        Assert.Equal(Enumerable.Range(1, Writers * Batches * 2).Select(i => (long)i), records.Select(r => r.Seq));
        var certificate = AuditTrails.PartyCertificate(9999);
        var verdict = AuditVerifier.Verify(9999, records, [], certificate);
        Assert.True(verdict.Intact, verdict.FirstBad?.Message);
        // Each batch is stored whole: its two records stay next to each other.
        Assert.All(records.Where(r => r.Actor is not null), r => Assert.Equal(r.Seq + 1, records.Single(o => o.Seq == r.Seq + 1 && o.Actor is null).Seq));
    }

    [StoreFact]
    public async Task Audit_records_come_back_as_stored_and_are_selected_by_job_time_and_number()
    {
        var store = await NewStoreAsync();
        var appended = await store.AppendAuditAsync([.. Enumerable.Range(1, 12).Select(AuditTrails.Event)]);
        Assert.Equal(appended, await store.AuditRecordsAsync(new AuditQuery()));
        Assert.Equal(appended[^1], await store.LastAuditRecordAsync());

        Assert.Equal([1L, 5, 9], (await store.AuditRecordsAsync(new AuditQuery(JobId: "job-1"))).Select(r => r.Seq));
        Assert.Equal([5L, 9], (await store.AuditRecordsAsync(new AuditQuery(JobId: "job-1", AfterSeq: 1))).Select(r => r.Seq));
        Assert.Equal([10L, 11, 12], (await store.AuditRecordsAsync(new AuditQuery(Since: appended[9].At))).Select(r => r.Seq));
        Assert.Equal([3L, 4], (await store.AuditRecordsAsync(new AuditQuery(AfterSeq: 2, Limit: 2))).Select(r => r.Seq));
    }

    [StoreFact]
    public async Task Audit_checkpoints_are_kept_once_per_record_in_order()
    {
        var store = await NewStoreAsync();
        var records = await store.AppendAuditAsync([.. Enumerable.Range(1, 3).Select(AuditTrails.Event)]);
        var certificate = AuditTrails.PartyCertificate(9999);
        var third = CheckpointSignature.Sign(certificate, 9999, records[2], DateTimeOffset.UtcNow);
        var first = CheckpointSignature.Sign(certificate, 9999, records[0], DateTimeOffset.UtcNow);

        await store.SaveAuditCheckpointAsync(third);
        await store.SaveAuditCheckpointAsync(first);
        await store.SaveAuditCheckpointAsync(third with { Signature = "later" });

        Assert.Equal([first, third], await store.AuditCheckpointsAsync());
    }
}
