using System.Globalization;
using Concord.Flow.Audit;

namespace Concord.Cli.Commands.Audit;

/// <summary>Audit records as plain columns; a message's subject is shown without its job id, which has a column of its own.</summary>
internal static class AuditListing
{
    public static void Write(TextWriter output, IReadOnlyList<AuditRecord> records) =>
        TextTable.Write(output, ["seq", "time (UTC)", "kind", "job", "subject", "peer", "bytes", "sha-256", "actor / detail"],
            records.Select(r => (IReadOnlyList<string>)
            [
                r.Seq.ToString(CultureInfo.InvariantCulture),
                r.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
                r.Kind,
                r.JobId ?? "",
                Subject(r),
                r.Peer?.ToString(CultureInfo.InvariantCulture) ?? "",
                r.Bytes?.ToString(CultureInfo.InvariantCulture) ?? "",
                r.Digest is null ? "" : r.Digest[..Math.Min(12, r.Digest.Length)],
                string.Join("; ", new[] { r.Actor, r.Detail }.Where(s => !string.IsNullOrEmpty(s))),
            ]));

    private static string Subject(AuditRecord r) =>
        r.JobId is { Length: > 0 } job && r.Subject.Length > job.Length && r.Subject.StartsWith(job + ".", StringComparison.Ordinal)
            ? r.Subject[(job.Length + 1)..]
            : r.Subject;
}
