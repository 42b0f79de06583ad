namespace Concord.Flow.Serving;

/// <summary>The bounds of a node's serving: how much one request may carry, and how requests are batched to the hosts.</summary>
/// <param name="MaxRows">The most rows one predict request may carry.</param>
/// <param name="MaxBodyBytes">The largest predict body read.</param>
/// <param name="MaxBatch">The most rows one round trip to the hosts carries.</param>
/// <param name="Workers">Round trips to the hosts a deployment keeps in flight at once.</param>
/// <param name="QueueCapacity">Rows a deployment holds waiting before it refuses more with a 503.</param>
/// <param name="DefaultDeadlineMs">How long a request waits for the hosts unless the deployment says otherwise.</param>
public sealed record ServingLimits(
    int MaxRows = 1000,
    int MaxBodyBytes = 4 << 20,
    int MaxBatch = 256,
    int Workers = 4,
    int QueueCapacity = 10_000,
    int DefaultDeadlineMs = 2000)
{
    public static ServingLimits Default { get; } = new();
}
