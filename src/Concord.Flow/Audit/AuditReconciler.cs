namespace Concord.Flow.Audit;

/// <summary>One message the two parties' trails disagree about.</summary>
public sealed record MessageMismatch(string Subject, int From, int To, string Problem);

/// <summary>What <see cref="AuditReconciler"/> compared and what it found.</summary>
public sealed record Reconciliation(string JobId, int Party, int Other, int Compared, IReadOnlyList<MessageMismatch> Mismatches)
{
    public bool Consistent => Mismatches.Count == 0;
}

/// <summary>One party's trail as reconciliation reads it: who the party is, and its records of one job.</summary>
public sealed record JobTrail(int Party, IReadOnlyList<AuditRecord> Records)
{
    /// <summary>Whether a record belongs in a job's trail for reconciliation: a message of that job.</summary>
    public static bool Keeps(AuditRecord record, string jobId) =>
        record.JobId == jobId && record.Kind is AuditKinds.MessageSent or AuditKinds.MessageReceived;
}

/// <summary>
/// Checks, for one job, that every message one party recorded as sent to the other is recorded as received there
/// with the same size and payload digest, in both directions, and that nothing was recorded as received that the
/// other side never recorded sending.
/// </summary>
public static class AuditReconciler
{
    public static Reconciliation Reconcile(string jobId, JobTrail mine, JobTrail theirs)
    {
        var mismatches = new List<MessageMismatch>();
        var compared = Compare(jobId, mine, theirs, mismatches) + Compare(jobId, theirs, mine, mismatches);
        return new Reconciliation(jobId, mine.Party, theirs.Party, compared, mismatches);
    }

    /// <summary>The messages <paramref name="sender"/> sent to <paramref name="receiver"/>, against what the receiver recorded.</summary>
    private static int Compare(string jobId, JobTrail sender, JobTrail receiver, List<MessageMismatch> mismatches)
    {
        var sent = Messages(sender, jobId, AuditKinds.MessageSent, receiver.Party);
        var received = Messages(receiver, jobId, AuditKinds.MessageReceived, sender.Party);
        foreach (var (subject, record) in sent)
        {
            if (!received.TryGetValue(subject, out var got))
            {
                mismatches.Add(new MessageMismatch(subject, sender.Party, receiver.Party,
                    $"party {sender.Party} recorded sending it (record {record.Seq}), but party {receiver.Party} has no record of receiving it"));
            }
            else if (got.Digest != record.Digest || got.Bytes != record.Bytes)
            {
                mismatches.Add(new MessageMismatch(subject, sender.Party, receiver.Party,
                    $"party {sender.Party} recorded sending {record.Bytes} bytes with SHA-256 {Short(record.Digest)} (record {record.Seq}), but party {receiver.Party} recorded receiving {got.Bytes} bytes with SHA-256 {Short(got.Digest)} (record {got.Seq})"));
            }
        }
        foreach (var (subject, record) in received.Where(r => !sent.ContainsKey(r.Key)))
        {
            mismatches.Add(new MessageMismatch(subject, sender.Party, receiver.Party,
                $"party {receiver.Party} recorded receiving it (record {record.Seq}), but party {sender.Party} has no record of sending it"));
        }
        return sent.Count;
    }

    /// <summary>One side's records of one direction, by message key; a key recorded twice counts once (a resend is the same message).</summary>
    private static Dictionary<string, AuditRecord> Messages(JobTrail trail, string jobId, string kind, int peer)
    {
        var messages = new Dictionary<string, AuditRecord>(StringComparer.Ordinal);
        foreach (var record in trail.Records.Where(r => r.JobId == jobId && r.Kind == kind && r.Peer == peer))
        {
            messages.TryAdd(record.Subject, record);
        }
        return messages;
    }

    private static string Short(string? digest) => digest is null ? "(none)" : digest[..Math.Min(12, digest.Length)] + "…";
}
