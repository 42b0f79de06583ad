using System.Text.Json.Nodes;
using Concord.Federation.Context;

namespace Concord.Flow.Components;

/// <summary>What one party's role of a component gets to run with.</summary>
public sealed record ComponentRun(FederationContext Context, JsonObject Parameters, string PartyHome, Action<string> Log);

/// <summary>
/// A federated component as the scheduler sees it: each party runs its own role, and the roles talk
/// only through the context. The guest's result is what the job reports.
/// </summary>
public interface IFederatedComponent
{
    string Type { get; }

    Task<JsonNode?> RunAsync(ComponentRun run, CancellationToken ct);
}
