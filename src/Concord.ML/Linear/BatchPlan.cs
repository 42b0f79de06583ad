namespace Concord.ML.Linear;

/// <summary>
/// The batches of every epoch: a permutation of the rows drawn from the job's seed (full batch keeps row order),
/// cut into batches. Every party derives the same plan from the seed and the (aligned) row count, so no row index
/// crosses the wire.
/// </summary>
public sealed class BatchPlan
{
    private readonly int[][] _batches;

    public BatchPlan(int rowCount, int batchSize, long seed)
    {
        if (rowCount < 1)
        {
            throw new ArgumentException("there are no rows to train on");
        }
        var order = Enumerable.Range(0, rowCount).ToArray();
        var size = batchSize < 1 || batchSize >= rowCount ? rowCount : batchSize;
        if (size < rowCount)
        {
            new Random(unchecked((int)seed ^ (int)(seed >> 32))).Shuffle(order);
        }
        _batches = [.. order.Chunk(size)];
    }

    public int Count => _batches.Length;

    public IReadOnlyList<int> this[int batch] => _batches[batch];
}
