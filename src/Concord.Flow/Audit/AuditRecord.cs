namespace Concord.Flow.Audit;

/// <summary>
/// One stored record of a party's audit trail: the event, its number <see cref="Seq"/> (1, 2, 3, ... with no gap),
/// the digest of the record before it (<see cref="PreviousHash"/>), and its own <see cref="Hash"/> over all of that
/// (see <see cref="AuditChain"/>).
/// </summary>
public sealed record AuditRecord(
    long Seq, DateTimeOffset At, string Kind, string Subject, string? JobId, int? Peer, long? Bytes, string? Digest,
    string? Actor, string? Detail, string PreviousHash, string Hash);

/// <summary>A signature by the party's certificate key over the chain up to record <see cref="Seq"/>, whose hash is <see cref="Hash"/>.</summary>
public sealed record AuditCheckpoint(long Seq, string Hash, DateTimeOffset SignedAt, string Signature);

/// <summary>Which records to list: those of one job, after a time, after a record number, at most so many.</summary>
public sealed record AuditQuery(string? JobId = null, DateTimeOffset? Since = null, long AfterSeq = 0, int? Limit = null);
