using System.Runtime.CompilerServices;
using System.Text.Json;
using Concord.Federation.Context;
using Concord.ML.Checkpoints;

namespace Concord.ML.Runtime;

/// <summary>
/// The loops of a training role, in the shape of FATE 2.x's <c>ctx.on_iterations</c> / <c>ctx.on_batches</c>, with
/// checkpointing and resuming built in, once for every protocol:
/// <code>
/// await foreach (var epoch in ctx.Epochs(options.MaxIter, checkpoints, [weights, history], models: k, ct))
/// {
///     if (epoch.StartsModel) weights.StartModel();
///     foreach (var batch in epoch.Batches(plan.Count)) { … batch.Guest.Send(…) … }
///     var verdict = await epoch.Arbiter.Receive(Verdict, ct);
///     epoch.StopIf(verdict.Converged);
/// }
/// </code>
/// After every step the loop counts it, and every <see cref="ICheckpoints.Every"/> steps saves where the next step
/// starts and each <see cref="IResumable"/> piece of state. A resumed run restores the pieces and starts at the step
/// all parties agreed on (<see cref="ICheckpoints.ResumeFrom"/>), so every party saves and resumes at the same steps.
/// </summary>
public static class TrainingLoop
{
    /// <summary>
    /// Epochs of <paramref name="models"/> models one after the other (one per class under one-vs-rest), each up to
    /// <paramref name="maxIter"/> epochs or until <see cref="Epoch.StopIf"/>; scopes model-k/iter-e.
    /// </summary>
    public static async IAsyncEnumerable<Epoch> Epochs(
        this FederationContext ctx, int maxIter, ICheckpoints? checkpoints, IReadOnlyList<IResumable> state, int models = 1,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var saved = checkpoints ?? NoCheckpoints.Instance;
        var (model, next, run) = await ResumeAsync(ctx, saved, state, ct).ConfigureAwait(false);
        for (; model < models; model++, next = 0)
        {
            var scope = ctx.Sub(ScopeNames.Model(model));
            for (var index = next; index < maxIter; index++)
            {
                var epoch = new Epoch(scope.Sub(ScopeNames.Epoch(index)), model, index, maxIter);
                yield return epoch;
                var done = epoch.Stopped || epoch.IsLast;
                run++;
                await SaveIfDueAsync(saved, done ? new Position(model + 1, 0, run) : new Position(model, index + 1, run), state, ct).ConfigureAwait(false);
                if (epoch.Stopped)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Rounds 0 .. <paramref name="count"/>−1 (or until <see cref="Round.StopIf"/>), each in scope round-r. A
    /// <paramref name="start"/> step, when given, runs first in a fresh run only and is checkpointed as iteration 0
    /// (e.g. the one-off secure sum before statistics' bisection rounds); round r is checkpointed as iteration r + 1.
    /// </summary>
    public static async IAsyncEnumerable<Round> Rounds(
        this FederationContext ctx, int count, ICheckpoints? checkpoints, IReadOnlyList<IResumable> state,
        Func<CancellationToken, Task>? start = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var saved = checkpoints ?? NoCheckpoints.Instance;
        var (_, first, run) = await ResumeAsync(ctx, saved, state, ct).ConfigureAwait(false);
        if (saved.ResumeFrom is null && start is not null)
        {
            await start(ct).ConfigureAwait(false);
            await SaveIfDueAsync(saved, new Position(0, 0, 0), state, ct).ConfigureAwait(false);
        }
        for (var index = first; index < count; index++)
        {
            var round = new Round(ctx.Sub(ScopeNames.Round(index)), index);
            yield return round;
            run++;
            await SaveIfDueAsync(saved, new Position(0, index + 1, run), state, ct).ConfigureAwait(false);
            if (round.Stopped)
            {
                break;
            }
        }
    }

    /// <summary>
    /// Steps 0, 1, … without end, each in scope step-i, for a conversation that one side drives by commands (the
    /// SecureBoost guest and each host): both ends take the next step for every command, so they agree on its scope.
    /// </summary>
    public static IEnumerable<Step> Steps(this FederationContext ctx)
    {
        for (var index = 0; ; index++)
        {
            yield return new Step(ctx.Sub(ScopeNames.Step(index)), index);
        }
    }

    /// <summary>Where the next step starts (model, step within it) and how many steps ran before it, which numbers the checkpoints.</summary>
    private sealed record Position(int Model, int Next, long Run);

    private sealed record Checkpoint(Position Position, byte[][] State);

    private static async Task<Position> ResumeAsync(FederationContext ctx, ICheckpoints saved, IReadOnlyList<IResumable> state, CancellationToken ct)
    {
        if (saved.ResumeFrom is not long from)
        {
            return new Position(0, 0, 0);
        }
        var bytes = await saved.LoadResumeStateAsync(ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"party {ctx.Self}: no checkpoint to resume from at iteration {from}");
        var checkpoint = JsonSerializer.Deserialize<Checkpoint>(bytes)
            ?? throw new InvalidDataException($"party {ctx.Self}: the checkpoint at iteration {from} is empty");
        if (checkpoint.State.Length != state.Count)
        {
            throw new InvalidDataException($"party {ctx.Self}: the checkpoint at iteration {from} holds {checkpoint.State.Length} pieces of state, this role {state.Count}");
        }
        for (var i = 0; i < state.Count; i++)
        {
            state[i].Restore(checkpoint.State[i]);
        }
        return checkpoint.Position;
    }

    private static Task SaveIfDueAsync(ICheckpoints saved, Position position, IReadOnlyList<IResumable> state, CancellationToken ct) =>
        saved.Every > 0 && position.Run % saved.Every == 0
            ? saved.SaveAsync(position.Run, JsonSerializer.SerializeToUtf8Bytes(new Checkpoint(position, [.. state.Select(s => s.Save())])), ct)
            : Task.CompletedTask;
}
