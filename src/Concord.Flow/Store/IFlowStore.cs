using System.Text.Json.Nodes;
using Concord.Flow.Control;
using Microsoft.Extensions.Logging;

namespace Concord.Flow.Store;

/// <summary>
/// One party's record of its jobs, tasks, logs, metrics, outputs, models, checkpoints and audit trail. Every operation is
/// safe to call from several threads at once, and from several processes on the same store. Failures throw
/// <see cref="FlowStoreException"/> (or <see cref="ArgumentException"/> for bad input) naming the store and the record.
/// </summary>
public interface IFlowStore : Governance.IGovernanceStore, IAuditStore, IDisposable
{
    /// <summary>Which store this is, for messages: the SQLite file, or the PostgreSQL server, database and schema.</summary>
    string Description { get; }

    /// <summary>Records a new job, waiting. Refuses a job id the store already has.</summary>
    Task<JobRecord> CreateJobAsync(JobSpec spec, CancellationToken ct = default);

    Task<JobRecord?> GetJobAsync(string jobId, CancellationToken ct = default);

    /// <summary>The newest jobs first, optionally only those in one state.</summary>
    Task<IReadOnlyList<JobRecord>> ListJobsAsync(int limit = 100, TaskState? state = null, CancellationToken ct = default);

    /// <summary>One page of the jobs a query matches, newest first, with the number that match in all; the store does the paging.</summary>
    Task<JobPage> PageJobsAsync(JobQuery query, CancellationToken ct = default);

    /// <summary>
    /// Moves a job from <paramref name="from"/> to <paramref name="to"/> if it is still in <paramref name="from"/>,
    /// and returns whether it was; so two callers racing to change a job cannot both win. Throws when
    /// <see cref="JobStateMachine"/> forbids the change or the job is unknown. <paramref name="error"/> is required
    /// for failed, allowed for canceled, and refused otherwise.
    /// </summary>
    Task<bool> TryTransitionJobAsync(string jobId, TaskState from, TaskState to, string? error = null, CancellationToken ct = default);

    /// <summary>Writes a task, replacing what the store had for its key. The job must exist.</summary>
    Task UpsertTaskAsync(TaskRecord task, CancellationToken ct = default);

    /// <summary>A job's tasks, by component and then party.</summary>
    Task<IReadOnlyList<TaskRecord>> TasksAsync(string jobId, CancellationToken ct = default);

    /// <summary>Appends a log line to a task and returns its sequence number within the job.</summary>
    Task<long> AppendLogAsync(TaskKey task, LogLevel level, string message, CancellationToken ct = default);

    /// <summary>
    /// A job's log lines after sequence number <paramref name="afterSequence"/>, in order, optionally of one
    /// component and one party, at most <paramref name="limit"/> of them (all when null).
    /// </summary>
    Task<IReadOnlyList<LogEntry>> LogsAsync(string jobId, string? component = null, int? party = null, long afterSequence = 0, int? limit = null, CancellationToken ct = default);

    /// <summary>Records a metric, replacing an earlier value of the same task, name and step.</summary>
    /// <param name="step">The iteration or point index for a curve built one step at a time; null otherwise.</param>
    Task PutMetricAsync(TaskKey task, string name, MetricKind kind, JsonNode value, long? step = null, CancellationToken ct = default);

    /// <summary>A job's metrics, optionally of one component, by component, party, name and step.</summary>
    Task<IReadOnlyList<MetricRecord>> MetricsAsync(string jobId, string? component = null, CancellationToken ct = default);

    /// <summary>Records where a task's output is, replacing an earlier one in the same slot.</summary>
    Task PutOutputAsync(TaskKey task, OutputSlot slot, JsonNode reference, CancellationToken ct = default);

    /// <summary>A job's outputs, by component, party and slot.</summary>
    Task<IReadOnlyList<OutputRecord>> OutputsAsync(string jobId, CancellationToken ct = default);

    /// <summary>Saves a model as the next version of its model id (1 for a new id) and returns what was stored.</summary>
    Task<ModelInfo> SaveModelAsync(NewModel model, CancellationToken ct = default);

    /// <summary>One version of a model, or its latest when <paramref name="version"/> is null; null when there is none.</summary>
    Task<StoredModel?> GetModelAsync(string modelId, int? version = null, CancellationToken ct = default);

    /// <summary>Every version of every model (or of one model id), by id and version.</summary>
    Task<IReadOnlyList<ModelInfo>> ListModelsAsync(string? modelId = null, CancellationToken ct = default);

    /// <summary>
    /// Stores a model read from another deployment (see <see cref="ModelArchive"/>), keeping its id and version.
    /// Importing the same model twice is harmless; a different model already stored under that id and version is
    /// refused, naming <paramref name="source"/>.
    /// </summary>
    Task<ModelInfo> ImportModelAsync(StoredModel model, string source, CancellationToken ct = default);

    /// <summary>
    /// Saves a task's state after an iteration (replacing a checkpoint of the same iteration) and keeps only the
    /// newest <paramref name="keep"/> iterations of that task. More than one is kept because the parties resume
    /// from the newest iteration that all of them reached, and a party killed mid-save may be one behind.
    /// </summary>
    Task SaveCheckpointAsync(TaskKey task, long iteration, byte[] state, int keep = 3, CancellationToken ct = default);

    /// <summary>The task's checkpoint of the highest iteration (at most <paramref name="atMost"/> when given), or null.</summary>
    Task<Checkpoint?> LatestCheckpointAsync(TaskKey task, long? atMost = null, CancellationToken ct = default);

    /// <summary>Deletes a job's checkpoints (of one component when given) and returns how many there were.</summary>
    Task<int> DeleteCheckpointsAsync(string jobId, string? component = null, CancellationToken ct = default);
}
