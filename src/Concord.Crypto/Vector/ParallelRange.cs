namespace Concord.Crypto.Vector;

/// <summary>Splits [0, count) into contiguous chunks run in parallel; each thread works in its own workspace.</summary>
internal static class ParallelRange
{
    /// <param name="maxDegreeOfParallelism">Threads at most; −1 for all cores, 1 for the calling thread only.</param>
    /// <param name="chunksPerThread">More chunks balance uneven work; one chunk per thread suits work with a per-chunk setup cost.</param>
    public static void For(int count, int maxDegreeOfParallelism, Action<int, int> body, int chunksPerThread = 4)
    {
        var threads = maxDegreeOfParallelism < 1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        var chunks = Math.Min(count, threads == 1 ? 1 : threads * chunksPerThread);
        if (chunks <= 1)
        {
            if (count > 0)
            {
                body(0, count);
            }
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, chunk =>
            body((int)((long)count * chunk / chunks), (int)((long)count * (chunk + 1) / chunks)));
    }
}
