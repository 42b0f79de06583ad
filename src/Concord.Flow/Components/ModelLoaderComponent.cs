using Concord.Federation.Parties;
using Concord.Flow.Deployment;

namespace Concord.Flow.Components;

/// <summary>
/// model_loader: every party outputs its own share of a registered model. The arbiter of a linear model keeps no
/// share, so at the arbiter a missing model is not an error; at a guest or host it is, naming the party and the id.
/// With <c>component</c>, the model is a deployed pipeline (<see cref="PipelineBundle"/>) and the share is that component's.
/// </summary>
public sealed class ModelLoaderComponent : IFederatedComponent
{
    public string Type => "model_loader";

    public async Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var registry = run.Registry ?? throw new InvalidOperationException("model_loader runs only inside a job, where the party's registry is open");
        var id = run.Parameters.String("model_id") ?? throw new ArgumentException("parameter \"model_id\" is not set");
        int? version = run.Parameters["version"] is null ? null : (int)run.Parameters.Int("version");
        var what = version is int v ? $"model {id} version {v}" : $"model {id}";
        var bytes = await registry.LoadAsync(id, version, ct).ConfigureAwait(false);
        if (bytes is not null && run.Parameters.String("component") is string component)
        {
            var bundle = PipelineBundle.FromBytes(bytes, $"party {run.Context.Self}'s {what}");
            what = $"{component} of deployment {id}";
            bytes = bundle.Shares.GetValueOrDefault(component);
        }
        if (bytes is null && run.Context.Self.Role == Role.Arbiter)
        {
            run.Log($"{what} has no share at the arbiter; nothing to load");
            return ComponentOutput.Nothing;
        }
        run.Log($"loaded {what}");
        return new ComponentOutput(Model: bytes
            ?? throw new ArgumentException($"party {run.Context.Self}: {what} is not in this party's model registry; `concord model list` on its node shows what it holds"));
    }
}
