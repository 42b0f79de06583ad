using System.Text;
using Concord.Flow.Audit;

namespace Concord.Flow.Tests.Audit;

public sealed class AuditExportTests
{
    private static async Task<MemoryStream> WriteAsync(List<AuditRecord> records, List<AuditCheckpoint> checkpoints)
    {
        var bytes = new MemoryStream();
        await AuditExport.WriteAsync(bytes, 10000, checkpoints, records.ToAsyncEnumerable(), CancellationToken.None);
        bytes.Position = 0;
        return bytes;
    }

    private static async Task<InvalidDataException> RefusedAsync(string text) => await Assert.ThrowsAsync<InvalidDataException>(async () =>
    {
        await using var reader = await AuditExportReader.OpenAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), "t.jsonl", CancellationToken.None);
        await foreach (var _ in reader.RecordsAsync())
        {
        }
    });

    [Fact]
    public async Task An_export_reads_back_as_written_one_record_at_a_time()
    {
        var records = AuditTrails.Chain(12);
        var checkpoint = CheckpointSignature.Sign(AuditTrails.PartyCertificate(10000), 10000, records[^1], DateTimeOffset.UtcNow);

        await using var reader = await AuditExportReader.OpenAsync(await WriteAsync(records, [checkpoint]), "t.jsonl", CancellationToken.None);

        Assert.Equal(10000, reader.Party);
        Assert.Equal([checkpoint], reader.Checkpoints);
        Assert.Equal(records, await reader.RecordsAsync().ToListAsync());
    }

    [Fact]
    public async Task Broken_files_are_refused_naming_the_file_and_line()
    {
        const string Header = """{"header":{"format":"concord-audit-export/1","party":10000,"exported_at":"2026-12-04T17:00:00Z"}}""";
        var record = Encoding.UTF8.GetString((await WriteAsync(AuditTrails.Chain(1), [])).ToArray()).Split('\n')[1];

        Assert.Equal("t.jsonl is not a Concord audit export: its first line is not an export header", (await RefusedAsync("")).Message);
        Assert.Equal("audit export t.jsonl, line 2: a line that is not valid JSON",
            (await RefusedAsync($"{Header}\n{{\"record\": [1, 2\n")).Message.Split(" (", 2)[0]);
        Assert.Equal("audit export t.jsonl, line 3: a record without its kind, subject or digests",
            (await RefusedAsync($"{Header}\n{record}\n{{\"record\":{{\"seq\":2}}}}\n")).Message);
        Assert.Equal("audit export t.jsonl, line 2: a checkpoint without its hash or signature",
            (await RefusedAsync($"{Header}\n{{\"checkpoint\":{{\"seq\":2}}}}\n")).Message);
        Assert.Equal($"audit export t.jsonl, line 2: a line longer than {AuditExport.MaxLineBytes} bytes",
            (await RefusedAsync($"{Header}\n{{\"record\":{{\"detail\":\"{new string('x', AuditExport.MaxLineBytes + 10)}\"}}}}\n")).Message);
    }
}
