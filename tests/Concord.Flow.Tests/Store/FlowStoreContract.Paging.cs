using Concord.Flow.Control;
using Concord.Flow.Store;

namespace Concord.Flow.Tests.Store;

public abstract partial class FlowStoreContract
{
    [StoreFact]
    public async Task A_page_of_jobs_is_a_window_of_the_newest_first_with_the_matching_total()
    {
        var store = await NewStoreAsync();
        for (var i = 0; i < 7; i++)
        {
            await NewJobAsync(store, $"job-{i}");
        }

        var page = await store.PageJobsAsync(new JobQuery(Offset: 2, Limit: 3));

        Assert.Equal(7, page.Total);
        Assert.Equal(["job-4", "job-3", "job-2"], page.Jobs.Select(j => j.JobId));
        Assert.Empty((await store.PageJobsAsync(new JobQuery(Offset: 7, Limit: 3))).Jobs);
    }

    [StoreFact]
    public async Task A_page_of_jobs_filters_by_state_and_by_id_text_taken_literally()
    {
        var store = await NewStoreAsync();
        await NewJobAsync(store, "Nightly_A");
        await NewJobAsync(store, "nightlyXb");
        await NewJobAsync(store, "weekly-c");
        await store.TryTransitionJobAsync("weekly-c", TaskState.Waiting, TaskState.Running);

        var nightly = await store.PageJobsAsync(new JobQuery(0, 10, IdContains: "NIGHTLY"));
        // The underscore is a character to find, not LIKE's any-character wildcard.
        var underscore = await store.PageJobsAsync(new JobQuery(0, 10, IdContains: "y_"));
        var running = await store.PageJobsAsync(new JobQuery(0, 10, State: TaskState.Running));
        var none = await store.PageJobsAsync(new JobQuery(0, 10, TaskState.Running, "nightly"));

        Assert.Equal(["nightlyXb", "Nightly_A"], nightly.Jobs.Select(j => j.JobId));
        Assert.Equal("Nightly_A", Assert.Single(underscore.Jobs).JobId);
        Assert.Equal((1, "weekly-c"), (running.Total, Assert.Single(running.Jobs).JobId));
        Assert.Equal(0, none.Total);
    }
}
