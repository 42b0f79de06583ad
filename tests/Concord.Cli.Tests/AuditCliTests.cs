using Concord.Federation.Security;
using Concord.Flow.Audit;

namespace Concord.Cli.Tests;

/// <summary><c>concord audit verify --file F --cert C</c>: what a regulator runs with nothing but the export and the party's certificate.</summary>
public sealed class AuditCliTests : IDisposable
{
    private const int Party = 10000;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("concord-audit-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_folder.FullName, name);

    /// <summary>A signed trail of ten records in an export file, and the party's certificate beside it.</summary>
    private async Task<(List<AuditRecord> Records, List<AuditCheckpoint> Checkpoints)> WriteTrailAsync()
    {
        using var ca = CertificateAuthority.Create("audit-cli", TimeSpan.FromDays(1));
        using var certificate = ca.IssueParty(Party, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        CertificateFiles.Save(certificate, PathOf("party.crt"), keyPath: null);
        var records = new List<AuditRecord>();
        var previous = AuditChain.Genesis;
        foreach (var seq in Enumerable.Range(1, 10))
        {
            records.Add(AuditChain.Link(seq, new AuditEvent(AuditKinds.MessageReceived, $"job-1.attempt-1/psi_0/ids-{seq}") { JobId = "job-1", Peer = 9999, Bytes = seq }, previous));
            previous = records[^1].Hash;
        }
        List<AuditCheckpoint> checkpoints = [CheckpointSignature.Sign(certificate, Party, records[^1], DateTimeOffset.UtcNow)];
        await AuditExport.WriteAsync(PathOf("trail.json"), Party, checkpoints, records.ToAsyncEnumerable(), CancellationToken.None);
        return (records, checkpoints);
    }

    private static Task<ConcordProcess.Result> VerifyAsync(string file, string cert) =>
        ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "audit", "verify", "--file", file, "--cert", cert);

    [Fact]
    public async Task An_intact_export_verifies_and_an_edited_one_fails_naming_the_record()
    {
        var (records, checkpoints) = await WriteTrailAsync();

        var intact = await VerifyAsync(PathOf("trail.json"), PathOf("party.crt"));
        Assert.True(intact.ExitCode == 0, intact.Stdout + intact.Stderr);
        Assert.Contains("intact; 10 records, 1 signed checkpoints, signed through record 10", intact.Stdout, StringComparison.Ordinal);

        records[6] = records[6] with { Bytes = 1_000_000 };
        await AuditExport.WriteAsync(PathOf("edited.json"), Party, checkpoints, records.ToAsyncEnumerable(), CancellationToken.None);
        var edited = await VerifyAsync(PathOf("edited.json"), PathOf("party.crt"));
        Assert.Equal(1, edited.ExitCode);
        Assert.Contains("NOT intact; first bad record: 7", edited.Stdout, StringComparison.Ordinal);
        Assert.Contains("record 7 (message.received job-1.attempt-1/psi_0/ids-7) was altered", edited.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_an_export_is_refused_in_one_line_naming_it()
    {
        await WriteTrailAsync();
        await File.WriteAllTextAsync(PathOf("other.json"), """{"header": {"format": "something-else", "party": 10000}}""");

        var run = await VerifyAsync(PathOf("other.json"), PathOf("party.crt"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {PathOf("other.json")} is an audit export of format \"something-else\", but this Concord reads \"concord-audit-export/1\"", run.Stderr.Trim());
    }
}
