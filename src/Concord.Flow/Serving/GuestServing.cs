using System.Collections.Concurrent;
using Concord.Data;
using Concord.Flow.Control;
using Concord.Flow.Jobs;
using Concord.Flow.Store;
using Concord.ML.Linear;
using Concord.ML.SecureBoost;
using Concord.ML.Serving;

namespace Concord.Flow.Serving;

/// <summary>
/// The guest's side of online serving: deploys a model from its registry (every host loads its share and indexes its
/// table first, and every check runs before the new version takes a request), swaps versions without dropping a
/// request in flight, and scores requests through the live version's micro-batcher.
/// </summary>
public sealed class GuestServing(PartyServices party, Func<int, ControlClient> hosts, ServingLimits limits) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, GuestDeployment> _live = new(StringComparer.Ordinal);
    private readonly ServingFiles _files = new(party.PartyHome, "guest");
    private readonly SemaphoreSlim _deploying = new(1, 1);

    /// <summary>How long a replaced version still takes rows.</summary>
    private static readonly TimeSpan SwapGrace = TimeSpan.FromSeconds(2);

    public ServingLimits Limits => limits;

    public IReadOnlyList<DeploymentView> List() => [.. _live.Values.Select(d => d.View).OrderBy(v => v.Name, StringComparer.Ordinal)];

    /// <summary>What each live deployment has served, by name (the version serving now; a replaced one starts afresh).</summary>
    public IReadOnlyDictionary<string, ServingStats> Stats() => _live.ToDictionary(d => d.Key, d => d.Value.Meter.Snapshot(), StringComparer.Ordinal);

    public async Task<DeploymentView> DeployAsync(ServingDeploy request, CancellationToken ct)
    {
        SafeName.Check(request.Name, "deployment name");
        var deadline = request.DeadlineMs ?? limits.DefaultDeadlineMs;
        if (deadline is < 1 or > 60_000)
        {
            throw new ArgumentException($"deadlineMs is {deadline}; give 1 to 60000");
        }
        var model = await party.Store.GetModelAsync(request.ModelId ?? throw new ArgumentException("the deployment names no model_id"), request.ModelVersion, ct).ConfigureAwait(false)
            ?? throw new FlowStoreException(FlowStoreError.NotFound, $"party {party.PartyId} has no model {request.ModelId}{(request.ModelVersion is int v ? $" version {v}" : "")}");
        ServedModels.Require(model.Info, party.PartyId);
        if (model.Info.Role != "guest")
        {
            throw new ArgumentException($"party {party.PartyId} holds the {model.Info.Role}'s share of {model.Info}; deploy at the guest that trained it");
        }
        var tables = request.HostTables ?? [];
        var trainedHosts = TrainedHosts(model);
        if (trainedHosts.FirstOrDefault(h => !tables.ContainsKey(h)) is var missing and not 0)
        {
            throw new ArgumentException($"hostTables names no table for party {missing}, which holds a share of {model.Info}");
        }
        if (tables.Keys.FirstOrDefault(h => !trainedHosts.Contains(h)) is var extra and not 0)
        {
            throw new ArgumentException($"hostTables names party {extra}, which holds no share of {model.Info} (its hosts: {string.Join(", ", trainedHosts)})");
        }

        await _deploying.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var version = (_live.TryGetValue(request.Name, out var current) ? current.View.Version : 0) + 1;
            var loads = await Task.WhenAll(trainedHosts.Select(async h =>
                (Party: h, Loaded: await hosts(h).LoadServingAsync(new HostLoad(request.Name, version, model.Info.ModelId, tables[h], model.Info.JobId), ct).ConfigureAwait(false)))).ConfigureAwait(false);
            var loaded = loads.ToDictionary(l => l.Party, l => l.Loaded);
            var scorer = Scorer(model, loaded);
            var view = new DeploymentView(request.Name, version, model.Info.ModelId, model.Info.Version, model.Info.ComponentType, model.Info.JobId,
                scorer.Features, Outputs(scorer), loaded, deadline, DateTimeOffset.UtcNow);
            _files.Save(request.Name, view);
            Swap(request.Name, new GuestDeployment(view, scorer, hosts, limits));
            party.Log($"serving {view.Name} version {view.Version}: {model.Info} with host(s) {string.Join(", ", trainedHosts)}");
            return view;
        }
        finally
        {
            _deploying.Release();
        }
    }

    public async Task<bool> UndeployAsync(string name, CancellationToken ct)
    {
        if (!_live.TryRemove(name, out var deployment))
        {
            return false;
        }
        _files.Delete(name);
        // A host that cannot be reached now keeps its index until it is re-deployed or its node restarts without it.
        foreach (var host in deployment.View.Hosts.Keys)
        {
            try
            {
                await hosts(host).UnloadServingAsync(name, ct).ConfigureAwait(false);
            }
            catch (Concord.Federation.FederationException ex)
            {
                party.Log($"serving: party {host} did not unload {name}: {ex.Message}");
            }
        }
        await deployment.DisposeAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>The live version of a deployment; a 404 naming it otherwise.</summary>
    internal GuestDeployment Live(string name) =>
        _live.TryGetValue(name, out var deployment) ? deployment
        : throw new ServingException(404, $"party {party.PartyId} serves no deployment \"{name}\" (`concord serving list` shows what it serves)");

    /// <summary>Serves again what this guest served before its node stopped, from what each host reported then.</summary>
    public async Task RestoreAsync(CancellationToken ct)
    {
        foreach (var view in _files.All<DeploymentView>(broken => party.Log($"serving: skipped {broken}")))
        {
            try
            {
                var model = await party.Store.GetModelAsync(view.ModelId, view.ModelVersion, ct).ConfigureAwait(false)
                    ?? throw new ArgumentException($"{view.ModelId} version {view.ModelVersion} is no longer in the registry");
                Swap(view.Name, new GuestDeployment(view, Scorer(model, view.Hosts), hosts, limits));
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException)
            {
                party.Log($"serving: {view.Name} version {view.Version} no longer loads: {ex.Message}");
            }
        }
    }

    /// <summary>
    /// New requests go to the new version at once. The old one keeps taking rows for a grace period (a request that
    /// looked it up just before the swap still submits to it), then answers what it holds and stops.
    /// </summary>
    private void Swap(string name, GuestDeployment next)
    {
        GuestDeployment? previous = null;
        _live.AddOrUpdate(name, next, (_, old) =>
        {
            previous = old;
            return next;
        });
        if (previous is not null)
        {
            _ = RetireAsync(previous);
        }
    }

    private static async Task RetireAsync(GuestDeployment old)
    {
        await Task.Delay(SwapGrace).ConfigureAwait(false);
        await old.DisposeAsync().ConfigureAwait(false);
    }

    private static int[] TrainedHosts(StoredModel model) => ServedModels.IsLinear(model.Info.ComponentType)
        ? PartyLinearModel.FromBytes(model.Bytes, model.Info.ToString()).Hosts
            ?? throw new ArgumentException($"{model.Info} was saved before models kept their hosts; train it again to serve it")
        : SecureBoostModel.FromBytes(model.Bytes).HostParties;

    private static GuestScorer Scorer(StoredModel model, Dictionary<int, HostLoaded> loaded)
    {
        foreach (var (host, share) in loaded)
        {
            if (share.ComponentType != model.Info.ComponentType)
            {
                throw new ArgumentException($"party {host} loaded a {share.ComponentType} share for the guest's {model.Info.ComponentType} model {model.Info.ModelId}");
            }
        }
        GuestScorer scorer = ServedModels.IsLinear(model.Info.ComponentType)
            ? new LinearGuestScorer(PartyLinearModel.FromBytes(model.Bytes, model.Info.ToString()), [.. loaded.Keys])
            : new BoostGuestScorer(SecureBoostModel.FromBytes(model.Bytes), [.. loaded.Keys], [.. loaded.Values.Select(l => l.SplitIds ?? [])]);
        for (var h = 0; h < scorer.Hosts.Count; h++)
        {
            if (loaded[scorer.Hosts[h]].Width != scorer.AnswerWidth(h))
            {
                throw new ArgumentException($"party {scorer.Hosts[h]} answers {loaded[scorer.Hosts[h]].Width} bytes per id, and the guest's model expects {scorer.AnswerWidth(h)}; deploy shares of one training");
            }
        }
        return scorer;
    }

    private static string[] Outputs(GuestScorer scorer) => scorer is LinearGuestScorer linear
        ? Components.PredictionColumns.Of(linear.Classes)
        : Components.PredictionColumns.Of(scorer.Outputs);

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _live.Keys)
        {
            if (_live.TryRemove(name, out var deployment))
            {
                await deployment.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
