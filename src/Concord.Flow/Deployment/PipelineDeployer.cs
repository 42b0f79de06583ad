using Concord.Data;
using Concord.Flow.Control;
using Concord.Flow.Dsl;
using Concord.Flow.Jobs;
using Concord.Flow.Store;

namespace Concord.Flow.Deployment;

/// <summary>
/// <c>concord job deploy</c> and <c>concord job predict</c> at the guest, and each party's part of a deploy: a training
/// job's fitted components become a predict pipeline that every party registers as one model of its own (a
/// <see cref="PipelineBundle"/>, versioned by its registry, exported and imported like any model); predicting
/// submits the pipeline's job with its readers pointed at the new table.
/// </summary>
public sealed class PipelineDeployer(PartyServices party, Func<int, ControlClient> controls, JobScheduler scheduler)
{
    public async Task<DeployedPipeline> DeployAsync(DeployRequest request, CancellationToken ct)
    {
        var record = await party.Store.GetJobAsync(request.JobId, ct).ConfigureAwait(false)
            ?? throw new FlowStoreException(FlowStoreError.NotFound, $"party {party.PartyId} has no job {request.JobId}");
        if (record.State != Control.TaskState.Success || record.Spec.Initiator != party.PartyId)
        {
            throw new InvalidOperationException(record.Spec.Initiator != party.PartyId
                ? $"job {request.JobId} was started by party {record.Spec.Initiator}; deploy it at that party's node"
                : $"job {request.JobId} is {SqlValues.Name(record.State)}; only a training that succeeded can be deployed");
        }
        var name = SafeName.Check(request.Name ?? request.JobId, "deployment name");
        var training = JobFile.Parse(record.Spec.JobFile, $"job {request.JobId}", party.Catalog.Specs);
        var (template, fitted) = PredictPipeline.Build(training, request.Components, name);
        // The pipeline must be a valid job before any party registers it.
        var everyone = new[] { training.Roster.Guest }.Concat(training.Roster.Hosts).ToDictionary(p => p, _ => new TableName("deploy", "check"));
        JobFile.Parse(PredictPipeline.WithTables(template, everyone), $"the predict pipeline of job {request.JobId}", party.Catalog.Specs);

        var bundle = new BundleRequest(name, request.JobId, fitted, template);
        var others = training.Roster.Hosts.Concat(training.Roster.Arbiter is int a ? [a] : []).ToList();
        var versions = await Task.WhenAll(others.Select(async p => (Party: p, Version: await controls(p).BundleAsync(bundle, ct).ConfigureAwait(false)))).ConfigureAwait(false);
        var own = await BundleAsync(bundle, party.PartyId, ct).ConfigureAwait(false);
        party.Log($"deployed {string.Join(", ", fitted)} of job {request.JobId} as {name}");
        return new DeployedPipeline(name, request.JobId, fitted, versions.Append((Party: party.PartyId, Version: own)).ToDictionary(v => v.Party, v => v.Version), template);
    }

    /// <summary>This party's part of a deploy: its shares of the fitted components, registered as one model named after the deployment.</summary>
    /// <param name="initiator">The party asking, which must have started the training job.</param>
    public async Task<int> BundleAsync(BundleRequest request, int initiator, CancellationToken ct)
    {
        SafeName.Check(request.Name, "deployment name");
        var record = await party.Store.GetJobAsync(request.TrainingJob, ct).ConfigureAwait(false);
        if (record is null || record.Spec.Initiator != initiator)
        {
            throw new UnauthorizedAccessException($"party {initiator} started no job {request.TrainingJob} at party {party.PartyId}");
        }
        var training = JobFile.Parse(record.Spec.JobFile, $"job {request.TrainingJob}", party.Catalog.Specs);
        var role = training.Roster.RoleOf(party.PartyId);
        var shares = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var component in request.Fitted.Select(training.Component).Where(c => c.Parties.Contains(party.PartyId)))
        {
            var model = await party.Store.GetModelAsync(ComponentOutputs.ModelId(request.TrainingJob, component.Name), ct: ct).ConfigureAwait(false);
            if (model is not null)
            {
                shares[component.Name] = model.Bytes;
            }
            else if (role.Role != Federation.Parties.Role.Arbiter)
            {
                throw new ArgumentException($"party {party.PartyId} holds no share of {component} from job {request.TrainingJob}");
            }
        }
        var saved = await party.Store.SaveModelAsync(new NewModel(request.Name, PipelineBundle.ComponentType, party.PartyId, role.Role.ToString().ToLowerInvariant(),
            request.TrainingJob, new System.Text.Json.Nodes.JsonObject { ["components"] = string.Join(",", shares.Keys) },
            new PipelineBundle(request.Name, request.TrainingJob, request.Template, shares).ToBytes()), ct).ConfigureAwait(false);
        await party.Audit.AppendAsync(new Audit.AuditEvent(Audit.AuditKinds.ModelProduced, $"{saved.ModelId} v{saved.Version}")
        {
            JobId = request.TrainingJob,
            Bytes = saved.Size,
            Digest = saved.Sha256,
            Actor = $"party {initiator}'s deploy",
            Detail = PipelineBundle.ComponentType,
        }, ct).ConfigureAwait(false);
        party.Log($"registered deployment {request.Name} version {saved.Version} of job {request.TrainingJob} ({shares.Count} share(s))");
        return saved.Version;
    }

    /// <summary>Submits the deployment's predict job on the new table; its guest output is the scores.</summary>
    public async Task<PipelineJob> PredictAsync(string name, PipelinePredict request, CancellationToken ct)
    {
        var model = await party.Store.GetModelAsync(name, ct: ct).ConfigureAwait(false);
        if (model is null || model.Info.ComponentType != PipelineBundle.ComponentType)
        {
            throw new FlowStoreException(FlowStoreError.NotFound, $"party {party.PartyId} has no deployment {name} (`concord model list` shows deployments as {PipelineBundle.ComponentType} models)");
        }
        var bundle = PipelineBundle.FromBytes(model.Bytes, model.Info.ToString());
        var roster = bundle.Template["parties"]!;
        var readers = new[] { roster["guest"]!.GetValue<int>() }.Concat(roster["hosts"]!.AsArray().Select(h => h!.GetValue<int>()));
        var tables = readers.ToDictionary(p => p, p => (request.Tables?.GetValueOrDefault(p) ?? request.Table
            ?? throw new ArgumentException($"the request names no table for party {p}; give table (for every party) or tables")).ToName());
        var jobId = await scheduler.SubmitAsync(PredictPipeline.WithTables(bundle.Template, tables), $"deployment {name}", ct).ConfigureAwait(false);
        var scores = PredictPipeline.Models(bundle.Template).Select(m => ComponentOutputs.DataTable(jobId, m)).Select(t => new Serving.TableRef(t.Namespace, t.Name));
        return new PipelineJob(jobId, name, [.. scores]);
    }
}
