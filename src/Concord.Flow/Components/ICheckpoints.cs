namespace Concord.Flow.Components;

/// <summary>A saved state of an iterative component after <see cref="Iteration"/> iterations.</summary>
public sealed record Checkpoint(int Iteration, byte[] State);

/// <summary>Where an iterative component keeps its state every N iterations, so a restarted party can resume.</summary>
public interface ICheckpoints
{
    /// <summary>Save every this many iterations; 0 means never.</summary>
    int Every { get; }

    Task SaveAsync(Checkpoint checkpoint, CancellationToken ct);

    Task<Checkpoint?> LatestAsync(CancellationToken ct);
}

/// <summary>For runs that keep no checkpoints.</summary>
public sealed class NoCheckpoints : ICheckpoints
{
    public static readonly NoCheckpoints Instance = new();

    public int Every => 0;

    public Task SaveAsync(Checkpoint checkpoint, CancellationToken ct) => Task.CompletedTask;

    public Task<Checkpoint?> LatestAsync(CancellationToken ct) => Task.FromResult<Checkpoint?>(null);
}
