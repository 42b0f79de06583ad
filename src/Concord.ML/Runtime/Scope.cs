using Concord.Federation.Context;
using Concord.Federation.Parties;

namespace Concord.ML.Runtime;

/// <summary>
/// One step of a protocol's loop (an <see cref="Epoch"/>, a <see cref="Batch"/>, a <see cref="Round"/>): a child
/// context whose name the runtime generates, so that both ends of every message agree on it without typing it.
/// Address parties through it as through the context: <c>await batch.Guest.Send(tag, value, ct)</c>.
/// </summary>
public abstract class Scope(FederationContext context, int index)
{
    public FederationContext Context { get; } = context;

    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>0-based position of this step within its loop.</summary>
    public int Index { get; } = index;

    /// <summary>Time since the loop entered this step, for what a protocol records per step (a round's duration), so that protocol code holds no clock.</summary>
    public TimeSpan Elapsed => System.Diagnostics.Stopwatch.GetElapsedTime(_started);

    public PartyGroup Guest => Context.Guest;

    public PartyGroup Hosts => Context.Hosts;

    public PartyGroup Arbiter => Context.Arbiter;

    public Roster Roster => Context.Roster;

    public PartyGroup Group(IReadOnlyList<PartyRef> members) => Context.Group(members);

    public static implicit operator FederationContext(Scope scope) => scope.Context;

    public override string ToString() => Context.Scope;
}

/// <summary>One mini-batch of an epoch: <c>foreach (var batch in epoch.Batches(plan.Count)) { var rows = plan[batch.Index]; … }</c>.</summary>
public sealed class Batch(FederationContext context, int index) : Scope(context, index);

/// <summary>One step of a conversation that one side drives by commands, yielded by <see cref="TrainingLoop.Steps"/>.</summary>
public sealed class Step(FederationContext context, int index) : Scope(context, index);

/// <summary>The names of the runtime's scopes, written once for every protocol and both ends of every message.</summary>
internal static class ScopeNames
{
    public static string Model(int index) => $"model-{index}";

    public static string Epoch(int index) => $"iter-{index}";

    public static string Batch(int index) => $"batch-{index}";

    public static string Round(int index) => $"round-{index}";

    public static string Step(int index) => $"step-{index}";
}
