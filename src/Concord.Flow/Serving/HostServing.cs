using System.Collections.Concurrent;
using Concord.Data;
using Concord.Flow.Components;
using Concord.Flow.Governance;
using Concord.Flow.Jobs;
using Concord.ML.Linear;
using Concord.ML.SecureBoost;
using Concord.ML.Serving;

namespace Concord.Flow.Serving;

/// <summary>
/// A host's side of online serving: when the guest deploys, it loads its own share of the model and answers every
/// row of the table it was asked to serve from (<see cref="HostAnswers"/>), if a grant lets that guest use the table
/// for "serving"; then it answers the guest's batches of ids. It keeps the newest two versions of each name, so
/// requests the guest started before a re-deploy still find theirs.
/// </summary>
public sealed class HostServing(PartyServices party, IGovernanceEvents events)
{
    /// <summary>The component type a grant must name (or "*") for a guest to serve from a table here.</summary>
    public const string GrantType = "serving";

    /// <summary>The most ids one ask may carry: the guest's batches are smaller; a larger one is a hostile or broken guest.</summary>
    public const int MaxIds = 4096;

    private readonly ConcurrentDictionary<string, Loaded[]> _loaded = new(StringComparer.Ordinal);
    private readonly ServingFiles _files = new(party.PartyHome, "host");
    private readonly SemaphoreSlim _loading = new(1, 1);

    private sealed record Loaded(HostDeployment Deployment, HostAnswers Answers);

    public async Task<HostLoaded> LoadAsync(HostLoad load, int guest, CancellationToken ct)
    {
        var (loaded, answers) = await BuildAsync(load, guest, checkGrant: true, ct).ConfigureAwait(false);
        await _loading.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_loaded.TryGetValue(load.Name, out var existing) && existing[0].Deployment.Guest != guest)
            {
                throw new ServingException(409, $"party {party.PartyId} already serves {load.Name} for party {existing[0].Deployment.Guest}; choose another name");
            }
            _files.Save(load.Name, new HostDeployment(guest, load));
            _loaded.AddOrUpdate(load.Name, _ => [answers], (_, old) => [answers, .. old.Where(o => o.Deployment.Guest == guest && o.Deployment.Load.Version < load.Version).Take(1)]);
        }
        finally
        {
            _loading.Release();
        }
        party.Log($"serving {load.Name} version {load.Version} for party {guest}: {loaded.Rows} rows of {load.Table} with {load.ModelId} version {loaded.ModelVersion}");
        return loaded;
    }

    /// <summary>Answers one ask of the guest that deployed the name; an unknown name or version, or another caller, is a 404 alike.</summary>
    public HostAnswer Answer(string name, HostAsk ask, int caller)
    {
        var current = _loaded.TryGetValue(name, out var versions) ? versions.FirstOrDefault(v => v.Deployment.Load.Version == ask.Version && v.Deployment.Guest == caller) : null;
        if (current is null)
        {
            throw new ServingException(404, $"party {party.PartyId} serves no deployment {name} version {ask.Version} for party {caller}");
        }
        if (ask.Ids is not { Length: > 0 and <= MaxIds })
        {
            throw new ServingException(400, $"party {party.PartyId}: an ask carries 1 to {MaxIds} ids, not {ask.Ids?.Length ?? 0}");
        }
        var unknown = new List<int>();
        var answers = current.Answers.Answer(ask.Ids, unknown);
        return new HostAnswer(answers, [.. unknown]);
    }

    public bool Unload(string name, int caller)
    {
        if (!_loaded.TryGetValue(name, out var versions) || versions[0].Deployment.Guest != caller)
        {
            return false;
        }
        _files.Delete(name);
        return _loaded.TryRemove(name, out _);
    }

    /// <summary>Loads again what this host served before its node stopped; a deployment that no longer loads is logged and left out.</summary>
    public async Task RestoreAsync(CancellationToken ct)
    {
        foreach (var saved in _files.All<HostDeployment>(broken => party.Log($"serving: skipped {broken}")))
        {
            try
            {
                var (_, answers) = await BuildAsync(saved.Load, saved.Guest, checkGrant: true, ct).ConfigureAwait(false);
                _loaded[saved.Load.Name] = [answers];
            }
            catch (Exception ex) when (ex is ArgumentException or ServingException or IOException or InvalidDataException or TableNotFoundException or DataFormatException)
            {
                party.Log($"serving: {saved.Load.Name} version {saved.Load.Version} for party {saved.Guest} no longer loads: {ex.Message}");
            }
        }
    }

    private async Task<(HostLoaded, Loaded)> BuildAsync(HostLoad load, int guest, bool checkGrant, CancellationToken ct)
    {
        SafeName.Check(load.Name, "deployment name");
        if (checkGrant)
        {
            await RequireGrantAsync(load, guest, ct).ConfigureAwait(false);
        }
        var model = await party.Store.GetModelAsync(load.ModelId, ct: ct).ConfigureAwait(false)
            ?? throw new ArgumentException($"party {party.PartyId} has no model {load.ModelId}; import its share here first (concord model import)");
        ServedModels.Require(model.Info, party.PartyId);
        if (model.Info.JobId != load.JobId)
        {
            throw new ArgumentException($"party {party.PartyId}'s newest {model.Info} comes from job {model.Info.JobId}, the guest's share from job {load.JobId}; deploy shares of one training");
        }
        var table = TableStore.Open(party.PartyHome).Load(load.Table.ToName(), ct);
        var columns = TableColumns.Features(table);
        var who = $"party {party.PartyId}'s table {load.Table}";
        HostAnswers answers;
        long[]? splitIds = null;
        if (ServedModels.IsLinear(model.Info.ComponentType))
        {
            answers = HostAnswers.Linear(PartyLinearModel.FromBytes(model.Bytes, model.Info.ToString()), table.Ids, columns, who);
        }
        else
        {
            var lookup = HostLookupTable.FromBytes(model.Bytes);
            answers = HostAnswers.Boost(lookup, table.Ids, columns, who);
            splitIds = [.. lookup.Splits.Select(s => s.Id)];
        }
        var loaded = new HostLoaded(load.Table, model.Info.Version, model.Info.ComponentType, answers.Count, answers.Width, splitIds);
        return (loaded, new Loaded(new HostDeployment(guest, load), answers));
    }

    private async Task RequireGrantAsync(HostLoad load, int guest, CancellationToken ct)
    {
        if (!await GovernanceSettings.GetAsync(party.Store, GovernanceSettings.RequireGrants, ct).ConfigureAwait(false))
        {
            return;
        }
        var grants = await party.Store.ListGrantsAsync(ct: ct).ConfigureAwait(false);
        if (grants.Any(g => g.Table == load.Table.ToName() && g.Covers(guest, GrantType, $"serving-{load.Name}", DateTimeOffset.UtcNow)))
        {
            return;
        }
        var refusal = $"party {party.PartyId} refuses to serve {load.Name} for party {guest}: no grant lets party {guest} use {load.Table} for {GrantType} "
            + $"(an admin at party {party.PartyId} can add one: concord grant add --party {party.PartyId} --table {load.Table.Namespace}/{load.Table.Name} --to {guest} --components {GrantType})";
        await events.RecordAsync(new GovernanceEvent(GovernanceEvent.JobRefused, $"party {guest}", $"serving {load.Name}", refusal), ct).ConfigureAwait(false);
        throw new ServingException(403, refusal);
    }
}
