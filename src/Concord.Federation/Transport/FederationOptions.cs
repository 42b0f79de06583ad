namespace Concord.Federation.Transport;

/// <summary>Every wait in the federation layer is bounded by one of these.</summary>
public sealed record FederationOptions
{
    /// <summary>How long a receive waits for the peer's message.</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one delivery attempt may take before it is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Delivery attempts before the peer is declared unreachable.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>First retry delay; each later one doubles, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Payloads up to this size wait in memory; larger ones are spooled to disk until received.</summary>
    public long InMemoryPayloadLimit { get; init; } = 4 * 1024 * 1024;

    /// <summary>Where large payloads wait for their receiver.</summary>
    public string SpoolDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "concord-spool");
}
