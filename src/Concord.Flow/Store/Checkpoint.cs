namespace Concord.Flow.Store;

/// <summary>The state an iterative component saved after an iteration, to resume from there.</summary>
public sealed record Checkpoint(TaskKey Task, long Iteration, byte[] State, DateTimeOffset SavedAt);
