namespace Concord.Flow.Audit;

/// <summary>
/// Something a party's audit trail must show: what happened (<see cref="Kind"/>, one of <see cref="AuditKinds"/>)
/// and to what (<see cref="Subject"/>: a job, a message, a table, a model, a grant, a request path), with the
/// optional particulars below. Any party may add kinds; the chain treats every field as opaque text.
/// </summary>
public sealed record AuditEvent(string Kind, string Subject)
{
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The job concerned, if any.</summary>
    public string? JobId { get; init; }

    /// <summary>The other party concerned, if any: a message's sender or receiver.</summary>
    public int? Peer { get; init; }

    /// <summary>A size in bytes: a message's payload.</summary>
    public long? Bytes { get; init; }

    /// <summary>A SHA-256, in lower-case hex: a message's payload as on the wire, a model's bytes.</summary>
    public string? Digest { get; init; }

    /// <summary>Who acted: "operator", "party 10000", "token", a certificate subject, a remote address.</summary>
    public string? Actor { get; init; }

    /// <summary>Anything else worth keeping, as short text (a state, an error, a row count).</summary>
    public string? Detail { get; init; }
}

/// <summary>The kinds of event Concord records; the names are stable, because records are signed with them.</summary>
public static class AuditKinds
{
    public const string JobSubmitted = "job.submitted";
    public const string JobApproved = "job.approved";
    public const string JobStarted = "job.started";
    public const string JobFinished = "job.finished";
    public const string MessageSent = "message.sent";
    public const string MessageReceived = "message.received";
    public const string TableRead = "table.read";
    public const string TableWritten = "table.written";
    public const string TableDeleted = "table.deleted";
    public const string ModelProduced = "model.produced";
    public const string ModelExported = "model.exported";
    public const string ModelImported = "model.imported";
    public const string SignIn = "auth.sign_in";
    public const string Refused = "auth.refused";
}
