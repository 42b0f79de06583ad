namespace Concord.Data.Tests;

/// <summary>Records progress reports synchronously, in order (System.Progress would post them to the thread pool).</summary>
internal sealed class ListProgress(List<long> reports) : IProgress<long>
{
    public void Report(long value) => reports.Add(value);
}
