namespace Concord.Federation.Transport;

/// <summary>Every wait in the federation layer is bounded by one of these, and so is every byte a peer can make a node hold.</summary>
public sealed record FederationOptions
{
    private const long MiB = 1024 * 1024;

    /// <summary>How long a receive waits for the peer's message.</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one delivery attempt may take before it is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Delivery attempts before the peer is declared unreachable.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>First retry delay; each later one doubles, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a sender keeps retrying a peer that answers "not yet": the job has not started there (a faster
    /// party's first message can beat the job's start at a slower one), or the job's mailbox there is full.
    /// </summary>
    public TimeSpan BusyRetryWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Payloads up to this size wait in memory; larger ones are spooled to disk until received.</summary>
    public long InMemoryPayloadLimit { get; init; } = 4 * MiB;

    /// <summary>Where large payloads wait for their receiver.</summary>
    public string SpoolDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "concord-spool");

    /// <summary>The largest message this node accepts; a larger one is refused (HTTP 413) with this limit named.</summary>
    public long MaxMessageBytes { get; init; } = 1024 * MiB;

    /// <summary>The size limit in words, for refusals.</summary>
    internal string MessageLimit => $"{MaxMessageBytes} bytes, this node's limit ({nameof(MaxMessageBytes)})";

    /// <summary>Bytes the messages of one job may hold in memory here while they wait; beyond it they wait on disk.</summary>
    public long JobMemoryQuota { get; init; } = 128 * MiB;

    /// <summary>Bytes the waiting messages of all jobs together may hold in memory here.</summary>
    public long NodeMemoryQuota { get; init; } = 512 * MiB;

    /// <summary>Bytes the messages of one job may hold in the spool folder; beyond it they are refused (HTTP 429).</summary>
    public long JobSpoolQuota { get; init; } = 4096 * MiB;

    /// <summary>Bytes the waiting messages of all jobs together may hold in the spool folder.</summary>
    public long NodeSpoolQuota { get; init; } = 16384 * MiB;
}
