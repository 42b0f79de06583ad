using System.Text;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.ML.Checkpoints;
using Concord.ML.Runtime;

namespace Concord.ML.Tests.Runtime;

public class TrainingLoopTests
{
    /// <summary>A log of the steps run, as the role's state.</summary>
    private sealed class StepLog : IResumable
    {
        public List<string> Steps { get; private set; } = [];

        public byte[] Save() => Encoding.UTF8.GetBytes(string.Join(",", Steps));

        public void Restore(byte[] saved) => Steps = [.. Encoding.UTF8.GetString(saved).Split(',', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static FederationContext Context() =>
        InMemoryParties.Join(new Roster(9999, [10000]), "job", ["component"], TimeSpan.FromSeconds(5)).Contexts[PartyRef.Guest(9999)];

    private static async Task<StepLog> RunEpochsAsync(ICheckpoints checkpoints, StepLog? log = null)
    {
        log ??= new StepLog();
        await foreach (var epoch in Context().Epochs(maxIter: 3, checkpoints, [log], models: 2))
        {
            var batches = string.Join("+", epoch.Batches(2).Select(b => b.Context.Scope));
            log.Steps.Add($"{(epoch.StartsModel ? "start " : "")}{batches}");
            // Model 0 converges after its second epoch.
            epoch.StopIf(epoch.Model == 0 && epoch.Index == 1);
        }
        return log;
    }

    [Fact]
    public async Task Epochs_nest_models_and_batches_in_generated_scopes_and_stop_a_model_early()
    {
        var log = await RunEpochsAsync(NoCheckpoints.Instance);
        Assert.Equal(
        [
            "start component/model-0/iter-0/batch-0+component/model-0/iter-0/batch-1",
            "component/model-0/iter-1/batch-0+component/model-0/iter-1/batch-1",
            "start component/model-1/iter-0/batch-0+component/model-1/iter-0/batch-1",
            "component/model-1/iter-1/batch-0+component/model-1/iter-1/batch-1",
            "component/model-1/iter-2/batch-0+component/model-1/iter-2/batch-1",
        ], log.Steps);
    }

    [Fact]
    public async Task A_resumed_run_restores_the_state_and_runs_exactly_the_remaining_epochs()
    {
        var saved = new Dictionary<long, byte[]>();
        var full = await RunEpochsAsync(new MemoryCheckpoints(1, null, saved));
        Assert.Equal([1L, 2, 3, 4, 5], saved.Keys.Order());
        foreach (var from in new long[] { 1, 2, 4 })
        {
            var resumed = await RunEpochsAsync(new MemoryCheckpoints(1, from, new Dictionary<long, byte[]>(saved)), new StepLog { Steps = { "stale" } });
            Assert.Equal(full.Steps, resumed.Steps);
        }
    }

    [Fact]
    public async Task Rounds_run_their_start_step_once_and_checkpoint_it_as_iteration_zero()
    {
        var saved = new Dictionary<long, byte[]>();
        var log = new StepLog();
        await foreach (var round in Context().Rounds(3, new MemoryCheckpoints(1, null, saved), [log], start: _ =>
        {
            log.Steps.Add("start");
            return Task.CompletedTask;
        }))
        {
            log.Steps.Add(round.Context.Scope);
        }
        Assert.Equal(["start", "component/round-0", "component/round-1", "component/round-2"], log.Steps);
        Assert.Equal([0L, 1, 2, 3], saved.Keys.Order());

        var resumed = new StepLog();
        await foreach (var round in Context().Rounds(3, new MemoryCheckpoints(1, 1, saved), [resumed], start: _ => throw new InvalidOperationException("a resumed run skips the start step")))
        {
            resumed.Steps.Add(round.Context.Scope);
        }
        Assert.Equal(log.Steps, resumed.Steps);
    }

    [Fact]
    public void Steps_go_on_in_generated_scopes_the_same_at_both_ends()
    {
        var guest = Context().Steps().Take(3).Select(s => $"{s.Index} {s.Context.Scope}").ToList();
        Assert.Equal(["0 component/step-0", "1 component/step-1", "2 component/step-2"], guest);
        Assert.Equal(guest, Context().Steps().Take(3).Select(s => $"{s.Index} {s.Context.Scope}"));
    }
}
