namespace Concord.Federation.Transport;

/// <summary>A limit on bytes held, shared by every payload charged against it; named so a refusal can say which.</summary>
internal sealed class ByteBudget(string description, string setting, long limit)
{
    private long _held;

    public long Held => Interlocked.Read(ref _held);

    /// <summary>E.g. "job session job-1.attempt-1's spool quota (JobSpoolQuota = 4294967296 bytes)".</summary>
    public string Describe() => $"{description} ({setting} = {limit} bytes)";

    public bool TryTake(long bytes)
    {
        while (true)
        {
            var held = Interlocked.Read(ref _held);
            if (held + bytes > limit)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _held, held + bytes, held) == held)
            {
                return true;
            }
        }
    }

    public void Give(long bytes) => Interlocked.Add(ref _held, -bytes);
}
