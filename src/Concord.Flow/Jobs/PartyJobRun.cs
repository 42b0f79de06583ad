using Concord.Data;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.Federation.Transport;
using Concord.Flow.Audit;
using Concord.Flow.Components;
using Concord.Flow.Control;
using Concord.Flow.Dsl;
using Concord.Flow.Store;
using Microsoft.Extensions.Logging;

namespace Concord.Flow.Jobs;

/// <summary>What a party's node lends to each job it runs.</summary>
/// <param name="Admission">What the node accepts as a job.</param>
/// <param name="Slots">The node's cap on tasks running at once, shared by all of its jobs.</param>
public sealed record PartyServices(int PartyId, string PartyHome, IFederationTransport Transport, ComponentCatalog Catalog, IFlowStore Store, Action<string> Log, JobAdmission Admission, TaskSlots Slots)
{
    /// <summary>Where every message this party receives is copied, for tests that assert what crossed the wire; null in production.</summary>
    public Concord.Federation.Recording.Transcript? Transcript { get; init; }

    /// <summary>Whether the party's own row ids are masked in its logs.</summary>
    public Governance.IdMasking Masking { get; init; } = new();

    /// <summary>The party's audit trail; none unless the node keeps one.</summary>
    public IAuditLog Audit { get; init; } = NoAuditLog.Instance;
}

/// <summary>
/// One party's run of one attempt of a job: its role of every component, in DAG order, with components
/// that do not depend on each other running at the same time, as many as the node's <see cref="TaskSlots"/>
/// allow. Each task's state, logs, metrics and outputs go to the party's own flow store, where the initiator
/// reads the task states. A failure or a cancel stops every running task of the run and starts no other.
/// </summary>
public sealed class PartyJobRun
{
    private readonly JobStart _start;
    private readonly JobDefinition _job;
    private readonly PartyServices _party;
    private readonly PartyRef _self;
    private readonly ComponentOutputs _outputs;
    private readonly CancellationTokenSource _cancel = new();

    private PartyJobRun(JobStart start, JobDefinition job, PartyServices party)
    {
        _start = start;
        _job = job;
        _party = party;
        _self = job.Roster.RoleOf(party.PartyId);
        _outputs = new ComponentOutputs(party.Store, party.PartyHome, party.Audit);
    }

    public Task Completion { get; private set; } = Task.CompletedTask;

    public static PartyJobRun Start(JobStart start, JobDefinition job, PartyServices party)
    {
        var run = new PartyJobRun(start, job, party);
        run.Completion = Task.Run(() => run.RunAsync(run._cancel.Token));
        return run;
    }

    public void Cancel() => _cancel.Cancel();

    private async Task RunAsync(CancellationToken ct)
    {
        var completed = new HashSet<string>(_start.Skip);
        var data = new Dictionary<(string Component, string Output), PartyTable>();
        var running = new Dictionary<Task<ComponentOutput>, JobComponent>();
        Task<IDisposable>? slot = null;
        Exception? failure = null;
        try
        {
            while (true)
            {
                var stopping = failure is not null || ct.IsCancellationRequested;
                if (!stopping)
                {
                    slot = Launch(completed, running, data, slot, ct);
                }
                if (running.Count == 0)
                {
                    break;
                }
                IEnumerable<Task> awaited = running.Keys;
                var done = await Task.WhenAny(slot is null || stopping ? awaited : awaited.Append(slot)).ConfigureAwait(false);
                if (done == slot)
                {
                    // Granted: the next pass launches with it. Canceled: the run is stopping and launches nothing.
                    slot = done.IsCompletedSuccessfully ? slot : null;
                    continue;
                }
                var finished = running[(Task<ComponentOutput>)done];
                running.Remove((Task<ComponentOutput>)done);
                try
                {
                    var output = await ((Task<ComponentOutput>)done).ConfigureAwait(false);
                    foreach (var (name, table) in output.Tables)
                    {
                        data[(finished.Name, name)] = table;
                    }
                    completed.Add(finished.Name);
                }
                catch (Exception ex)
                {
                    // One failed component ends this party's run: stop the others rather than let them wait on peers.
                    failure ??= ex;
                    _cancel.Cancel();
                }
            }
        }
        finally
        {
            // A slot granted after the run stopped wanting it goes straight back.
            _ = slot?.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }
        if (failure is not null)
        {
            throw failure;
        }
    }

    /// <summary>
    /// Starts what is ready, in the job's order, while slots last, and returns the pending request for a slot, if
    /// any. The job's earliest unfinished component starts without a slot: every party reaches it in the same
    /// order, so it can always run to its end at all of them, and no mix of caps and jobs can stall a job for good.
    /// </summary>
    private Task<IDisposable>? Launch(HashSet<string> completed, Dictionary<Task<ComponentOutput>, JobComponent> running, Dictionary<(string Component, string Output), PartyTable> data, Task<IDisposable>? slot, CancellationToken ct)
    {
        // Skipping a component this party does not run can make the next one ready (an arbiter skips every
        // reader), so look again until nothing more is skipped.
        for (var skipped = true; skipped;)
        {
            skipped = false;
            foreach (var component in _job.ReadyAfter(completed).Where(c => !c.Parties.Contains(_party.PartyId)))
            {
                completed.Add(component.Name);
                skipped = true;
            }
        }
        var first = _job.Components.FirstOrDefault(c => !completed.Contains(c.Name));
        foreach (var component in _job.ReadyAfter(completed).Where(c => !running.ContainsValue(c)))
        {
            IDisposable? held = null;
            if (component != first)
            {
                slot ??= _party.Slots.TakeAsync(ct);
                if (!slot.IsCompletedSuccessfully)
                {
                    return slot;
                }
                held = slot.Result;
                slot = null;
            }
            running[HoldingAsync(held, RunComponentAsync(component, data, ct))] = component;
        }
        // Everything ready has started; a slot granted for a component that then started as the earliest goes back.
        if (slot is { IsCompletedSuccessfully: true })
        {
            slot.Result.Dispose();
            slot = null;
        }
        return slot;
    }

    private static async Task<ComponentOutput> HoldingAsync(IDisposable? slot, Task<ComponentOutput> task)
    {
        using (slot)
        {
            return await task.ConfigureAwait(false);
        }
    }

    private async Task<ComponentOutput> RunComponentAsync(JobComponent component, Dictionary<(string Component, string Output), PartyTable> data, CancellationToken ct)
    {
        var task = new TaskKey(_start.JobId, component.Name, _party.PartyId);
        var role = _self.Role.ToWire();
        var started = DateTimeOffset.UtcNow;
        async Task Record(TaskState state, string? error = null, double progress = 0) =>
            await _party.Store.UpsertTaskAsync(
                new TaskRecord(task, role, state, error, progress, Attempt: _start.Attempt, StartedAt: started,
                    EndedAt: state is TaskState.Running ? null : DateTimeOffset.UtcNow),
                CancellationToken.None).ConfigureAwait(false);
        void Log(string line)
        {
            line = _party.Masking.Apply(line);
            _party.Log($"[{_start.JobId} {component.Name} {_self}] {line}");
            _ = _party.Store.AppendLogAsync(task, LogLevel.Information, line, CancellationToken.None);
        }

        ct.ThrowIfCancellationRequested();
        await Record(TaskState.Running).ConfigureAwait(false);
        try
        {
            var inputs = component.Inputs
                // An arbiter takes data inputs from components that never ran at it: it has none of their tables.
                .Where(i => i.Kind == Dsl.Specs.ArtifactKind.Data && _job.Component(i.Producer).Parties.Contains(_party.PartyId))
                .ToDictionary(i => i.Slot, i => data.TryGetValue((i.Producer, i.Output), out var table) ? table : _outputs.LoadData(task, i.Producer, i.Output, ct));
            TextLabelCheck.Require(component, _party.PartyId, inputs);
            var models = await ModelInputsAsync(component, ct).ConfigureAwait(false);
            var context = new FederationContext(_start.Session(), _self, _job.Roster.ToRoster(), _party.Transport, _party.Transcript).Sub(component.Name);
            var checkpoints = new StoreCheckpoints(_party.Store, task, _job.Settings.CheckpointEvery, _start.ResumeFrom.TryGetValue(component.Name, out var from) ? from : null);
            Log("started");
            var output = await _party.Catalog.Get(component.Type)
                .RunAsync(new ComponentRun(context, component.ParametersFor(_party.PartyId), _party.PartyHome, inputs, checkpoints, Log)
                {
                    Seed = _job.Settings.Seed,
                    Models = models,
                    Slots = component.Inputs.Select(i => i.Slot).ToHashSet(StringComparer.Ordinal),
                    Registry = new StoreModelRegistry(_party.Store),
                    TableAccess = _outputs.TableAccess(task),
                }, ct)
                .ConfigureAwait(false);
            await _outputs.SaveAsync(task, component.Type, role, output, ct).ConfigureAwait(false);
            Log("succeeded");
            await Record(TaskState.Success, progress: 1).ConfigureAwait(false);
            return output;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Log("canceled");
            await Record(TaskState.Canceled, "canceled").ConfigureAwait(false);
            throw;
        }
        catch (Exception ex)
        {
            var error = TaskErrors.Describe(ex);
            Log($"failed: {TaskErrors.Raw(ex)}");
            await Record(TaskState.Failed, error).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// This party's share of each upstream model, read back from its registry (models are saved there as
    /// job_component). A producer that saved no model here (an arbiter's share, say) leaves the slot out.
    /// </summary>
    private async Task<Dictionary<string, byte[]>> ModelInputsAsync(JobComponent component, CancellationToken ct)
    {
        var models = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var input in component.Inputs.Where(i => i.Kind == Dsl.Specs.ArtifactKind.Model && _job.Component(i.Producer).Parties.Contains(_party.PartyId)))
        {
            if (await _party.Store.GetModelAsync(ComponentOutputs.ModelId(_start.JobId, input.Producer), ct: ct).ConfigureAwait(false) is StoredModel model)
            {
                models[input.Slot] = model.Bytes;
            }
        }
        return models;
    }
}
