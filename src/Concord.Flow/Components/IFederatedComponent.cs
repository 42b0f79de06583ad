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

    /// <summary>This party's share of each model input (e.g. "warm_start_model"), by slot; absent where the producer saved none here.</summary>
    public IReadOnlyDictionary<string, byte[]> Models { get; init; } = new Dictionary<string, byte[]>();

    /// <summary>
    /// Every input slot the job connects to this component, whether or not its producer ran at this party: an arbiter,
    /// which holds no table, still learns from it whether a component trains or predicts.
    /// </summary>
    public IReadOnlySet<string> Slots { get; init; } = new HashSet<string>();

    /// <summary>This party's model registry, for components that load a model by id (model_loader).</summary>
    public IModelRegistry? Registry { get; init; }

    /// <summary>Told of every table the component reads from the party's store, for its audit trail.</summary>
    public ITableAccessLog? TableAccess { get; init; }

    /// <summary>The data input a component cannot do without, with an error that names the slot if it is missing.</summary>
    public PartyTable RequireInput(string slot) => Inputs.TryGetValue(slot, out var table)
        ? table
        : throw new ArgumentException($"party {Context.Self}: input \"{slot}\" is not connected");
}

/// <summary>Reads models from the party's own registry.</summary>
public interface IModelRegistry
{
    /// <summary>The model's bytes at this party (the latest version when <paramref name="version"/> is null), or null if it holds none.</summary>
    Task<byte[]?> LoadAsync(string modelId, int? version, CancellationToken ct);
}

/// <summary>What one party's role of a component produced; any part may be absent.</summary>
public sealed record ComponentOutput(PartyTable? Data = null, JsonNode? Metrics = null, byte[]? Model = null)
{
    public static readonly ComponentOutput Nothing = new();

    /// <summary>The output name of <see cref="Data"/>, the one table most components produce.</summary>
    public const string DataOutput = "data";

    /// <summary>Tables under other output names, for a component with several (data_split's train, validate and test).</summary>
    public IReadOnlyDictionary<string, PartyTable> Named { get; init; } = new Dictionary<string, PartyTable>();

    /// <summary>Every table produced, by output name.</summary>
    public IEnumerable<KeyValuePair<string, PartyTable>> Tables =>
        Data is null ? Named : Named.Prepend(new KeyValuePair<string, PartyTable>(DataOutput, Data));
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
