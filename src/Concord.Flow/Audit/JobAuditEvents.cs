using System.Security.Cryptography;
using System.Text;
using Concord.Flow.Control;

namespace Concord.Flow.Audit;

/// <summary>A job's life at one party as audit events; each carries the SHA-256 of the job file the party ran.</summary>
internal static class JobAuditEvents
{
    public static AuditEvent Submitted(string jobId, string name, string jobFile) =>
        new(AuditKinds.JobSubmitted, jobId) { JobId = jobId, Digest = FileDigest(jobFile), Detail = $"job \"{name}\"", Actor = "operator" };

    public static AuditEvent Started(string jobId, int attempt, string role, int initiator, string jobFile) =>
        new(AuditKinds.JobStarted, jobId) { JobId = jobId, Digest = FileDigest(jobFile), Peer = initiator, Detail = $"attempt {attempt} as {role}" };

    public static AuditEvent Finished(string jobId, int attempt, TaskState state, string? error) =>
        new(AuditKinds.JobFinished, jobId)
        {
            JobId = jobId,
            Detail = $"attempt {attempt} {state.ToString().ToLowerInvariant()}{(error is null ? "" : $": {error}")}",
        };

    private static string FileDigest(string jobFile) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(jobFile)));
}
