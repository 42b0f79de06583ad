using Concord.Data;

namespace Concord.Flow.Serving;

/// <summary>A table's namespace and name as JSON carries them (<see cref="TableName"/> checks them when made).</summary>
public sealed record TableRef(string Namespace, string Name)
{
    public TableName ToName() => new(Namespace, Name);

    public override string ToString() => $"{Namespace}/{Name}";
}

/// <summary>What an operator asks the guest's node to serve: a model from its registry and, per host, the table that host looks ids up in.</summary>
/// <param name="Name">The deployment's name, in the predict URL.</param>
/// <param name="ModelVersion">The guest's model version; the latest when null.</param>
/// <param name="HostTables">Per host party id, the table of that host's features for the customers to be scored.</param>
/// <param name="DeadlineMs">How long a request waits for every host before it fails naming the late one.</param>
public sealed record ServingDeploy(string Name, string ModelId, int? ModelVersion, Dictionary<int, TableRef> HostTables, int? DeadlineMs = null);

/// <summary>A deployment as the guest serves it, and as `concord serving list` shows it.</summary>
/// <param name="Version">1 for a name's first deployment, one more at each re-deploy.</param>
/// <param name="Hosts">Per host party id, what it loaded.</param>
public sealed record DeploymentView(
    string Name,
    int Version,
    string ModelId,
    int ModelVersion,
    string ComponentType,
    string JobId,
    IReadOnlyList<string> Features,
    IReadOnlyList<string> Outputs,
    Dictionary<int, HostLoaded> Hosts,
    int DeadlineMs,
    DateTimeOffset DeployedAt);

/// <summary>The guest asks a host to load its share of a deployment's model and index a table of its features.</summary>
/// <param name="JobId">The training job of the guest's share: the host's must come from the same job.</param>
public sealed record HostLoad(string Name, int Version, string ModelId, TableRef Table, string JobId);

/// <summary>What a host loaded: enough for the guest to check the shares fit, and to read its answers.</summary>
/// <param name="Width">Bytes the host answers per id.</param>
/// <param name="SplitIds">For a SecureBoost lookup table, its split ids in the order of the answer bits.</param>
public sealed record HostLoaded(TableRef Table, int ModelVersion, string ComponentType, int Rows, int Width, long[]? SplitIds);

/// <summary>The guest's question to a host for a batch of requests: only the customers' ids.</summary>
public sealed record HostAsk(int Version, string[] Ids);

/// <summary>A host's answers, <see cref="HostLoaded.Width"/> bytes per asked id in order, and the positions of ids it does not hold.</summary>
public sealed record HostAnswer(byte[] Answers, int[] Unknown);

/// <summary>The guest's part of a hosted deployment that a host keeps: who may ask, and what it loaded.</summary>
public sealed record HostDeployment(int Guest, HostLoad Load);
