using System.Security.Cryptography.X509Certificates;
using Concord.Flow.Audit;
using Concord.Flow.Control;
using Concord.Flow.Store;

namespace Concord.Flow.Api;

/// <summary>The operator's side of the REST API: what <c>concord job ...</c> and <c>concord run</c> call.</summary>
public sealed partial class OperatorClient(Uri address, int partyId, X509Certificate2 federationCa, X509Certificate2? operatorCertificate = null, string? token = null) : IDisposable
{
    private readonly NodeClient _node = new(address, partyId, operatorCertificate, federationCa, token);

    public int PartyId => _node.PartyId;

    public async Task<string> SubmitAsync(string jobFile, string source, CancellationToken ct) =>
        (await _node.SendAsync<JobSubmitted>(HttpMethod.Post, $"{OperatorApi.Root}/jobs", new SubmitJob(jobFile, source), ct).ConfigureAwait(false)).JobId;

    public Task<List<JobRecord>> ListJobsAsync(CancellationToken ct) => _node.SendAsync<List<JobRecord>>(HttpMethod.Get, $"{OperatorApi.Root}/jobs", null, ct);

    public Task<JobView> GetJobAsync(string jobId, CancellationToken ct) => _node.SendAsync<JobView>(HttpMethod.Get, Job(jobId), null, ct);

    public Task<JobRecord> StopAsync(string jobId, CancellationToken ct) => _node.SendAsync<JobRecord>(HttpMethod.Post, $"{Job(jobId)}/stop", null, ct);

    public async Task<int> ResumeAsync(string jobId, string? fromComponent, CancellationToken ct) =>
        (await _node.SendAsync<JobResumed>(HttpMethod.Post, $"{Job(jobId)}/resume{(fromComponent is null ? "" : $"?from={Uri.EscapeDataString(fromComponent)}")}", null, ct).ConfigureAwait(false)).Attempt;

    public Task<List<LogEntry>> LogsAsync(string jobId, string? component, int? party, long after, CancellationToken ct) =>
        _node.SendAsync<List<LogEntry>>(HttpMethod.Get, $"{Job(jobId)}/logs?after={after}{(component is null ? "" : $"&component={Uri.EscapeDataString(component)}")}{(party is int p ? $"&party={p}" : "")}", null, ct);

    public Task<List<MetricRecord>> MetricsAsync(string jobId, CancellationToken ct) => _node.SendAsync<List<MetricRecord>>(HttpMethod.Get, $"{Job(jobId)}/metrics", null, ct);

    public Task<List<DagNode>> DagAsync(string jobId, CancellationToken ct) => _node.SendAsync<List<DagNode>>(HttpMethod.Get, $"{Job(jobId)}/dag", null, ct);

    /// <summary>Writes this party's output table of a component as CSV (<see cref="OutputEndpoints"/>): the one named <paramref name="name"/>, or its data table.</summary>
    public Task DownloadOutputAsync(string jobId, string component, string? name, Stream destination, CancellationToken ct) =>
        _node.DownloadAsync($"{Job(jobId)}/components/{Uri.EscapeDataString(component)}/output{(name is null ? "" : $"?output={Uri.EscapeDataString(name)}")}", destination, ct);

    public Task<List<ModelInfo>> ListModelsAsync(CancellationToken ct) => _node.SendAsync<List<ModelInfo>>(HttpMethod.Get, $"{OperatorApi.Root}/models", null, ct);

    public Task<byte[]> ExportModelAsync(string modelId, int? version, CancellationToken ct) =>
        _node.GetBytesAsync($"{OperatorApi.Root}/models/{Uri.EscapeDataString(modelId)}/export{(version is int v ? $"?version={v}" : "")}", ct);

    /// <summary>Sends an export (<see cref="ModelArchive"/>) to the node, which verifies it and stores it in its party's registry.</summary>
    public Task<ModelInfo> ImportModelAsync(byte[] archive, CancellationToken ct)
    {
        var content = new ByteArrayContent(archive);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(ModelArchive.MediaType);
        return _node.SendAsync<ModelInfo>(HttpMethod.Post, $"{OperatorApi.Root}/models/import", content, ct);
    }

    public Task<List<AuditRecord>> AuditRecordsAsync(AuditQuery query, CancellationToken ct)
    {
        var parameters = new List<string> { $"after={query.AfterSeq}" };
        if (query.JobId is not null)
        {
            parameters.Add($"job={Uri.EscapeDataString(query.JobId)}");
        }
        if (query.Since is { } since)
        {
            parameters.Add($"since={Uri.EscapeDataString(since.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}");
        }
        if (query.Limit is int limit)
        {
            parameters.Add($"limit={limit}");
        }
        return _node.SendAsync<List<AuditRecord>>(HttpMethod.Get, $"{OperatorApi.Root}{AuditApi.Path}?{string.Join('&', parameters)}", null, ct);
    }

    /// <summary>Writes the node's whole audit trail, signed up to its last record, as an export file.</summary>
    public Task ExportAuditAsync(Stream destination, CancellationToken ct) => _node.DownloadAsync($"{OperatorApi.Root}{AuditApi.Path}/export", destination, ct);

    public async Task<string> OpenApiDocumentAsync(CancellationToken ct) =>
        System.Text.Encoding.UTF8.GetString(await _node.GetBytesAsync("/openapi/v1.json", ct).ConfigureAwait(false));

    /// <summary>Polls until the job ends, reporting each new view of it.</summary>
    public async Task<JobView> WaitAsync(string jobId, Action<JobView>? onUpdate, CancellationToken ct)
    {
        while (true)
        {
            var view = await GetJobAsync(jobId, ct).ConfigureAwait(false);
            onUpdate?.Invoke(view);
            if (view.Job.State is TaskState.Success or TaskState.Failed or TaskState.Canceled)
            {
                return view;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
        }
    }

    private static string Job(string jobId) => $"{OperatorApi.Root}/jobs/{Uri.EscapeDataString(jobId)}";

    public void Dispose() => _node.Dispose();
}
