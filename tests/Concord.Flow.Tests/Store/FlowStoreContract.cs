using Concord.Flow.Control;
using Concord.Flow.Store;

namespace Concord.Flow.Tests.Store;

/// <summary>
/// What every <see cref="IFlowStore"/> must do, run against each implementation by a subclass. Each test opens
/// stores of its own, so the tests of one class may run in any order.
/// </summary>
public abstract partial class FlowStoreContract : IAsyncLifetime
{
    private readonly List<IFlowStore> _opened = [];

    /// <summary>A new, empty store, independent of every other this method returns.</summary>
    private protected abstract Task<IFlowStore> CreateStoreAsync();

    /// <summary>A second handle on the same data as <paramref name="store"/>, as another process would open it.</summary>
    private protected abstract Task<IFlowStore> ReopenStoreAsync(IFlowStore store);

    private protected async Task<IFlowStore> NewStoreAsync() => Track(await CreateStoreAsync());

    private protected async Task<IFlowStore> ReopenAsync(IFlowStore store) => Track(await ReopenStoreAsync(store));

    private IFlowStore Track(IFlowStore store)
    {
        lock (_opened)
        {
            _opened.Add(store);
        }
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }
        return Task.CompletedTask;
    }

    private static readonly RosterSpec Roster = new(9999, [10000, 10001], 10002);

    private protected static JobSpec Spec(string jobId) =>
        new(jobId, $"name of {jobId}", 9999, Roster, $"# job file of {jobId}\ncomponents:\n  reader_0: {{type: reader}}\n", 20240613);

    private protected static async Task<JobRecord> NewJobAsync(IFlowStore store, string jobId) => await store.CreateJobAsync(Spec(jobId));

    /// <summary>Asserts that an operation fails with the given error and a message naming the store and every given record.</summary>
    private protected static async Task<FlowStoreException> AssertFails(FlowStoreError error, IFlowStore store, Func<Task> operation, params string[] mentions)
    {
        var ex = await Assert.ThrowsAsync<FlowStoreException>(operation);
        Assert.Equal(error, ex.Error);
        foreach (var mention in mentions.Append(store.Description))
        {
            Assert.Contains(mention, ex.Message, StringComparison.Ordinal);
        }
        return ex;
    }

    private protected static void AssertSpec(JobSpec expected, JobSpec actual)
    {
        Assert.Equal(expected with { Roster = actual.Roster }, actual);
        Assert.Equal(expected.Roster.Guest, actual.Roster.Guest);
        Assert.Equal(expected.Roster.Hosts, actual.Roster.Hosts);
        Assert.Equal(expected.Roster.Arbiter, actual.Roster.Arbiter);
    }

    /// <summary>Asserts a time the store stamped lies within the given bounds, allowing for its truncation to milliseconds.</summary>
    private protected static void AssertStamped(DateTimeOffset before, DateTimeOffset? stamped, DateTimeOffset after)
    {
        Assert.NotNull(stamped);
        Assert.InRange(stamped.Value, before.AddMilliseconds(-1), after);
        Assert.Equal(TimeSpan.Zero, stamped.Value.Offset);
    }
}
