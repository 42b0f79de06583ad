namespace Concord.Federation.Transport;

/// <summary>
/// What one waiting payload holds against its job's and the node's budgets, in memory and on disk. It grows as
/// the payload streams in and is given back, once, when the payload is disposed.
/// </summary>
internal sealed class PayloadCharge(ByteBudget jobMemory, ByteBudget nodeMemory, ByteBudget jobSpool, ByteBudget nodeSpool) : IDisposable
{
    private long _memory;
    private long _spool;
    private int _returned;

    /// <summary>False when either memory budget is spent: the payload should move to disk instead.</summary>
    public bool TryMemory(long bytes)
    {
        if (!TryTake(jobMemory, nodeMemory, bytes, out _))
        {
            return false;
        }
        _memory += bytes;
        return true;
    }

    /// <summary>Charges spooled bytes; refuses the payload, naming the budget, when either spool budget is spent.</summary>
    public void Spool(long bytes)
    {
        if (!TryTake(jobSpool, nodeSpool, bytes, out var full))
        {
            throw new PayloadRefusedException(PayloadRefusedException.Cause.QuotaFull, $"{full.Describe()} is full; retry once the job has consumed its messages");
        }
        _spool += bytes;
    }

    /// <summary>The payload's bytes in memory went to its spool file.</summary>
    public void MoveMemoryToSpool()
    {
        Spool(_memory);
        jobMemory.Give(_memory);
        nodeMemory.Give(_memory);
        _memory = 0;
    }

    private static bool TryTake(ByteBudget job, ByteBudget node, long bytes, out ByteBudget full)
    {
        full = job;
        if (!job.TryTake(bytes))
        {
            return false;
        }
        if (!node.TryTake(bytes))
        {
            job.Give(bytes);
            full = node;
            return false;
        }
        return true;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _returned, 1) == 0)
        {
            jobMemory.Give(_memory);
            nodeMemory.Give(_memory);
            jobSpool.Give(_spool);
            nodeSpool.Give(_spool);
        }
    }
}
