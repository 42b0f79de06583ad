using System.Security.Cryptography.X509Certificates;
using Concord.Federation.Security;
using Concord.Flow.Audit;

namespace Concord.Flow.Tests.Audit;

/// <summary>Party certificates with keys, and chained trails of made-up events, for the audit tests.</summary>
internal static class AuditTrails
{
    private static readonly Lazy<CertificateAuthority> Ca = new(() => CertificateAuthority.Create("audit-tests", TimeSpan.FromDays(1)));

    public static X509Certificate2 PartyCertificate(int party) =>
        Ca.Value.IssueParty(party, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

    public static AuditEvent Event(int i) => new(i % 3 == 0 ? AuditKinds.MessageSent : AuditKinds.TableRead, $"subject-{i}")
    {
        At = DateTimeOffset.UnixEpoch.AddSeconds(1_800_000_000 + i),
        JobId = $"job-{i % 4}",
        Peer = i % 3 == 0 ? 10000 : null,
        Bytes = i * 100L,
        Digest = i % 3 == 0 ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))) : null,
        Detail = $"detail {i}",
    };

    /// <summary>A trail of <paramref name="count"/> records chained from the start.</summary>
    public static List<AuditRecord> Chain(int count)
    {
        var records = new List<AuditRecord>();
        var previous = AuditChain.Genesis;
        for (var seq = 1; seq <= count; seq++)
        {
            var record = AuditChain.Link(seq, Event(seq), previous);
            records.Add(record);
            previous = record.Hash;
        }
        return records;
    }

    /// <summary>Re-chains records from <paramref name="from"/> (0-based) on, as a forger who can hash but not sign would.</summary>
    public static List<AuditRecord> Rechain(List<AuditRecord> records, int from)
    {
        var result = records.Take(from).ToList();
        var previous = from == 0 ? AuditChain.Genesis : result[^1].Hash;
        foreach (var record in records.Skip(from))
        {
            var relinked = record with { PreviousHash = previous };
            relinked = relinked with { Hash = AuditChain.HashOf(relinked) };
            result.Add(relinked);
            previous = relinked.Hash;
        }
        return result;
    }
}
