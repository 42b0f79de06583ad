using System.Text.Json.Nodes;
using Concord.Data;
using Concord.Federation.Context;
using Concord.ML.Checkpoints;

namespace Concord.Flow.Components;

/// <summary>What one party's role of a component gets to run with.</summary>
/// <param name="Inputs">Data produced upstream at this same party, by input slot name (e.g. "data").</param>
public sealed record ComponentRun(
    FederationContext Context,
    JsonObject Parameters,
    string PartyHome,
    IReadOnlyDictionary<string, PartyTable> Inputs,
    ICheckpoints Checkpoints,
    Action<string> Log)
{
    /// <summary>The job's seed: the root of the random choices the parties make alike (batch order), never of secrets.</summary>
    public long Seed { get; init; }

    /// <summary>Models produced upstream at this same party, by input slot name (e.g. "warm_start_model").</summary>
    public IReadOnlyDictionary<string, byte[]> Models { get; init; } = new Dictionary<string, byte[]>();

    /// <summary>The data input a component cannot do without, with an error that names the slot if it is missing.</summary>
    public PartyTable RequireInput(string slot) => Inputs.TryGetValue(slot, out var table)
        ? table
        : throw new ArgumentException($"party {Context.Self}: input \"{slot}\" is not connected");
}

/// <summary>What one party's role of a component produced; any part may be absent.</summary>
public sealed record ComponentOutput(PartyTable? Data = null, JsonNode? Metrics = null, byte[]? Model = null)
{
    public static readonly ComponentOutput Nothing = new();
}

/// <summary>
/// A federated component as the scheduler sees it: each party runs its own role, and the roles talk
/// only through the context.
/// </summary>
public interface IFederatedComponent
{
    string Type { get; }

    Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct);
}
