using Concord.Federation.Context;

namespace Concord.ML.Runtime;

/// <summary>
/// One epoch of one model, yielded by <see cref="TrainingLoop.Epochs"/>. The body runs the epoch's batches and ends
/// with <see cref="StopIf"/> when the model has converged; the loop then checkpoints and moves on to the next model.
/// </summary>
public sealed class Epoch : Scope
{
    private readonly int _maxIter;

    internal Epoch(FederationContext context, int model, int index, int maxIter)
        : base(context, index)
    {
        Model = model;
        _maxIter = maxIter;
    }

    /// <summary>Which model (one per class under one-vs-rest; 0 otherwise) this epoch trains.</summary>
    public int Model { get; }

    /// <summary>The model's first epoch, run from scratch (not resumed past): reset per-model state here.</summary>
    public bool StartsModel => Index == 0;

    /// <summary>max_iter is reached after this epoch.</summary>
    public bool IsLast => Index + 1 == _maxIter;

    internal bool Stopped { get; private set; }

    /// <summary>
    /// Ends this model's epochs after this one when <paramref name="converged"/>. Leave the loop this way, not with
    /// <c>break</c>: the checkpoint of the epoch just run is written when the loop moves on.
    /// </summary>
    public void StopIf(bool converged) => Stopped |= converged;

    /// <summary>The epoch's mini-batches, in order, each in its own scope.</summary>
    public IEnumerable<Batch> Batches(int count)
    {
        for (var b = 0; b < count; b++)
        {
            yield return new Batch(Context.Sub(ScopeNames.Batch(b)), b);
        }
    }
}

/// <summary>One round of a loop of rounds, yielded by <see cref="TrainingLoop.Rounds"/>; end the loop early with <see cref="StopIf"/>.</summary>
public sealed class Round(FederationContext context, int index) : Scope(context, index)
{
    internal bool Stopped { get; private set; }

    /// <summary>Ends the loop after this round when <paramref name="done"/> (leave it this way, not with <c>break</c>: the round's checkpoint is written when the loop moves on).</summary>
    public void StopIf(bool done) => Stopped |= done;
}
