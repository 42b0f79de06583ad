using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Transport.Auditing;
using Concord.Flow.Audit;
using Concord.Flow.Store;
using Concord.Flow.Tests.Store;
using Microsoft.Data.Sqlite;

namespace Concord.Flow.Tests.Audit;

/// <summary>The node's audit log over a SQLite flow store, and the store's trail tampered with in SQL.</summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private const int Party = 9999;
    private static readonly System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate = AuditTrails.PartyCertificate(Party);
    private readonly TempFolder _folder = new();
    private SqliteFlowStore _store = null!;

    public async Task InitializeAsync() => _store = await SqliteFlowStore.OpenInAsync(_folder.Path("party"));

    public Task DisposeAsync()
    {
        _store.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private Task<AuditLog> OpenLogAsync(int checkpointEvery = 1000) =>
        AuditLog.OpenAsync(_store, new AuditLogOptions(Party, Certificate, checkpointEvery), _ => { });

    private async Task<AuditVerdict> VerifyAsync() => AuditVerifier.Verify(
        Party, await _store.AuditRecordsAsync(new AuditQuery()), await _store.AuditCheckpointsAsync(), Certificate);

    private async Task TamperAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_store.Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(await command.ExecuteNonQueryAsync() > 0, sql);
    }

    private async Task<AuditLog> TrailOfAsync(int count)
    {
        var log = await OpenLogAsync();
        foreach (var i in Enumerable.Range(1, count))
        {
            await log.AppendAsync(AuditTrails.Event(i));
        }
        await log.CheckpointAsync();
        return log;
    }

    [Fact]
    public async Task Checkpoints_are_signed_every_n_records_at_a_jobs_end_and_on_request()
    {
        await using var log = await OpenLogAsync(checkpointEvery: 5);
        foreach (var i in Enumerable.Range(1, 12))
        {
            await log.AppendAsync(AuditTrails.Event(i));
        }
        await log.AppendAsync(new AuditEvent(AuditKinds.JobFinished, "job-1") { JobId = "job-1" });
        await log.AppendAsync(AuditTrails.Event(14));
        await log.CheckpointAsync();

        Assert.Equal([5L, 10, 13, 14], (await _store.AuditCheckpointsAsync()).Select(c => c.Seq));
        var verdict = await VerifyAsync();
        Assert.True(verdict.Intact, verdict.FirstBad?.Message);
        Assert.Equal(14, verdict.SignedThrough);
    }

    [Fact]
    public async Task A_reopened_log_continues_the_chain_and_signs_its_head_when_closed()
    {
        await (await TrailOfAsync(3)).DisposeAsync();
        var log = await OpenLogAsync();
        await log.AppendAsync(AuditTrails.Event(4));
        await log.DisposeAsync();

        Assert.Equal([3L, 4], (await _store.AuditCheckpointsAsync()).Select(c => c.Seq));
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task A_message_is_recorded_under_its_job_with_the_digest_its_transport_computed()
    {
        await using var log = await OpenLogAsync();
        var key = new MessageKey("job-7.attempt-2", "psi_0/iter-1", "ids", PartyRef.Host(10000), PartyRef.Guest(Party));
        var digest = new TaskCompletionSource<byte[]>();

        await log.RecordAsync(new MessageSeen(key, MessageDirection.Received, 42, digest.Task, DateTimeOffset.UtcNow));
        var checkpoint = log.CheckpointAsync();
        digest.SetResult([0xab, 0xcd]);
        await checkpoint;

        var record = Assert.Single(await _store.AuditRecordsAsync(new AuditQuery()));
        Assert.Equal((AuditKinds.MessageReceived, "job-7", "job-7.attempt-2/psi_0/iter-1/ids", 10000, 42L, "abcd", "host:10000 -> guest:9999"),
            (record.Kind, record.JobId, record.Subject, record.Peer!.Value, record.Bytes!.Value, record.Digest, record.Detail));
    }

    [Fact]
    public async Task Editing_a_field_in_the_database_is_found_naming_the_record()
    {
        await using var log = await TrailOfAsync(8);
        await TamperAsync("UPDATE audit_records SET bytes = bytes + 1 WHERE seq = 3");

        var bad = (await VerifyAsync()).FirstBad!;
        Assert.Equal(3, bad.Seq);
        Assert.StartsWith("record 3 (message.sent subject-3) was altered", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_record_in_the_database_is_found_naming_the_record()
    {
        await using var log = await TrailOfAsync(8);
        await TamperAsync("DELETE FROM audit_records WHERE seq = 4");

        var bad = (await VerifyAsync()).FirstBad!;
        Assert.Equal("record 4 is missing: record 3 is followed by record 5", bad.Message);
    }

    [Fact]
    public async Task Swapping_two_records_in_the_database_is_found_naming_both()
    {
        await using var log = await TrailOfAsync(8);
        await TamperAsync("UPDATE audit_records SET seq = -2 WHERE seq = 2; UPDATE audit_records SET seq = 2 WHERE seq = 6; UPDATE audit_records SET seq = 6 WHERE seq = -2");

        Assert.Equal("record 2 is out of order: it holds what was record 6", (await VerifyAsync()).FirstBad!.Message);
    }

    [Fact]
    public async Task A_forged_checkpoint_in_the_database_is_found()
    {
        await using var log = await TrailOfAsync(8);
        var forged = CheckpointSignature.Sign(AuditTrails.PartyCertificate(Party), Party, (await _store.LastAuditRecordAsync())!, DateTimeOffset.UtcNow);
        await TamperAsync($"UPDATE audit_checkpoints SET signature = '{forged.Signature}', signed_at = {forged.SignedAt.ToUnixTimeMilliseconds()} WHERE seq = 8");

        Assert.Equal("the checkpoint at record 8 is not signed by party 9999's certificate: it was forged or altered", (await VerifyAsync()).FirstBad!.Message);
    }
}
