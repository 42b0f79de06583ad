using Concord.Federation.Context;
using Concord.ML.Checkpoints;

namespace Concord.ML.HeteroLinear;

/// <summary>What each role does per model and epoch; <see cref="EpochLoop"/> drives it, checkpoints it and resumes it.</summary>
internal interface ITrainingRole
{
    void StartModel(int model);

    Task<ConvergenceVerdict> RunEpochAsync(FederationContext epoch, int model, int index, CancellationToken ct);

    TrainingProgress Snapshot(int model, int nextEpoch, long epochsRun);

    void Restore(TrainingProgress progress);
}

/// <summary>
/// Models (one per class under one-vs-rest) one after the other, epochs until the arbiter says converged or max_iter.
/// Every role saves after the same count of epochs run, since all of them follow the arbiter's verdicts.
/// </summary>
internal static class EpochLoop
{
    public static async Task RunAsync(FederationContext ctx, ICheckpoints? checkpoints, int models, int maxIter, ITrainingRole role, CancellationToken ct)
    {
        var saved = checkpoints ?? NoCheckpoints.Instance;
        var (firstModel, firstEpoch, run) = (0, 0, 0L);
        if (saved.ResumeFrom is not null)
        {
            var state = await saved.LoadResumeStateAsync(ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"party {ctx.Self}: no checkpoint to resume from at epoch {saved.ResumeFrom}");
            var progress = TrainingProgress.FromBytes(state);
            role.Restore(progress);
            (firstModel, firstEpoch, run) = (progress.Model, progress.NextEpoch, progress.EpochsRun);
        }
        for (var model = firstModel; model < models; model++)
        {
            var resumed = model == firstModel && firstEpoch > 0;
            if (!resumed)
            {
                role.StartModel(model);
            }
            var scope = ctx.Sub($"model-{model}");
            for (var epoch = resumed ? firstEpoch : 0; epoch < maxIter; epoch++)
            {
                var verdict = await role.RunEpochAsync(scope.Iteration(epoch), model, epoch, ct).ConfigureAwait(false);
                run++;
                var done = verdict.Converged || epoch + 1 == maxIter;
                if (saved.Every > 0 && run % saved.Every == 0)
                {
                    var progress = role.Snapshot(done ? model + 1 : model, done ? 0 : epoch + 1, run);
                    await saved.SaveAsync(run, progress.ToBytes(), ct).ConfigureAwait(false);
                }
                if (verdict.Converged)
                {
                    break;
                }
            }
        }
    }
}
