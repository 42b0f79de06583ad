using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Concord.Cli.Commands.Job;
using Concord.Federation.Security;
using Concord.Flow.Audit;

namespace Concord.Cli.Commands.Audit;

/// <summary>Getting a party's exported trail and the certificate to check it with, from a node or from files.</summary>
internal static class AuditFiles
{
    /// <summary>The trail of the chosen node (or of <paramref name="partyId"/>'s), with that party's certificate from the config.</summary>
    public static async Task<(AuditExport Export, X509Certificate2 Certificate, string Source)> FromNodeAsync(
        NodeConnection connection, System.CommandLine.ParseResult parse, int? partyId, CancellationToken ct)
    {
        var config = connection.Config(parse);
        using var api = connection.Open(parse, partyId);
        var source = $"party {api.PartyId}'s node";
        await using var bytes = new MemoryStream(await api.ExportAuditAsync(ct));
        var export = await AuditExport.ReadAsync(bytes, source, ct);
        return (export, CertificateFiles.LoadPublic(config.Party(api.PartyId).Certificate), source);
    }

    /// <summary>Verifies a trail once the certificate is known to be the party's.</summary>
    public static AuditVerdict Verify(AuditExport export, X509Certificate2 certificate, string source)
    {
        CheckpointSignature.RequireParty(certificate, export.Party, source);
        return AuditVerifier.Verify(export.Party, export.Records, export.Checkpoints, certificate);
    }

    public static string Describe(AuditVerdict verdict) => verdict.Intact
        ? string.Create(CultureInfo.InvariantCulture, $"intact ({verdict.Records} records, signed through {verdict.SignedThrough})")
        : $"NOT intact: {verdict.FirstBad!.Message}";
}
