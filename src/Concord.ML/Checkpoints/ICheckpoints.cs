namespace Concord.ML.Checkpoints;

/// <summary>
/// Where an iterative component keeps its state every N iterations, so that a restarted party can resume.
/// <see cref="ResumeFrom"/> is the iteration every party agreed to resume from, or null for a fresh start.
/// </summary>
public interface ICheckpoints
{
    /// <summary>Save every this many iterations; 0 means never.</summary>
    int Every { get; }

    long? ResumeFrom { get; }

    Task SaveAsync(long iteration, byte[] state, CancellationToken ct);

    /// <summary>The state saved after <see cref="ResumeFrom"/> iterations; null when starting fresh.</summary>
    Task<byte[]?> LoadResumeStateAsync(CancellationToken ct);
}

/// <summary>For runs that keep no checkpoints.</summary>
public sealed class NoCheckpoints : ICheckpoints
{
    public static readonly NoCheckpoints Instance = new();

    public int Every => 0;

    public long? ResumeFrom => null;

    public Task SaveAsync(long iteration, byte[] state, CancellationToken ct) => Task.CompletedTask;

    public Task<byte[]?> LoadResumeStateAsync(CancellationToken ct) => Task.FromResult<byte[]?>(null);
}
