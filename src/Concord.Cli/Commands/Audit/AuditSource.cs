using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Concord.Cli.Commands.Job;
using Concord.Federation.Security;
using Concord.Flow.Audit;

namespace Concord.Cli.Commands.Audit;

/// <summary>A party's exported trail, open for one pass, with the certificate to check it against and where it came from.</summary>
internal sealed class AuditSource(AuditExportReader reader, X509Certificate2 certificate, string name) : IAsyncDisposable
{
    public AuditExportReader Reader { get; } = reader;

    public string Name { get; } = name;

    /// <summary>An export file, checked against the given certificate.</summary>
    public static async Task<AuditSource> FromFileAsync(string path, string certificatePath, CancellationToken ct) =>
        new(await AuditExportReader.OpenAsync(path, ct), CertificateFiles.LoadPublic(certificatePath), path);

    /// <summary>
    /// The trail of the chosen node (or of <paramref name="partyId"/>'s), fetched through its API into a temporary file
    /// that goes when the source is disposed, and checked against that party's certificate from the config.
    /// </summary>
    public static async Task<AuditSource> FromNodeAsync(NodeConnection connection, ParseResult parse, int? partyId, CancellationToken ct)
    {
        var config = connection.LoadConfig(parse);
        using var api = connection.Open(parse, partyId);
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            await api.ExportAuditAsync(file, ct);
            file.Position = 0;
            var name = $"party {api.PartyId}'s node";
            return new AuditSource(await AuditExportReader.OpenAsync(file, name, ct), CertificateFiles.LoadPublic(config.Party(api.PartyId).Certificate), name);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Verifies the trail in one pass, once the certificate is known to be the party's.</summary>
    public Task<AuditVerdict> VerifyAsync(Action<AuditRecord>? observe, CancellationToken ct)
    {
        CheckpointSignature.RequireParty(certificate, Reader.Party, Name);
        return AuditVerifier.VerifyAsync(Reader.Party, Reader.Checkpoints, Reader.RecordsAsync(ct), certificate, observe, ct);
    }

    public static string Describe(AuditVerdict verdict) => verdict.Intact
        ? string.Create(CultureInfo.InvariantCulture, $"intact ({verdict.Records} records, signed through {verdict.SignedThrough})")
        : $"NOT intact: {verdict.FirstBad!.Message}";

    public async ValueTask DisposeAsync()
    {
        await Reader.DisposeAsync();
        certificate.Dispose();
    }
}
