using Concord.ML.Checkpoints;

namespace Concord.ML.Tests;

/// <summary>Keeps every saved state in <paramref name="saved"/>; resumes from <paramref name="resumeFrom"/> when given.</summary>
internal sealed class MemoryCheckpoints(int every, long? resumeFrom, Dictionary<long, byte[]> saved) : ICheckpoints
{
    public int Every => every;

    public long? ResumeFrom => resumeFrom;

    public Task SaveAsync(long iteration, byte[] state, CancellationToken ct)
    {
        saved[iteration] = state;
        return Task.CompletedTask;
    }

    public Task<byte[]?> LoadResumeStateAsync(CancellationToken ct) => Task.FromResult(resumeFrom is long at ? saved[at] : null);
}
