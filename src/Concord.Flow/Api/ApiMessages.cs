using Concord.Flow.Control;
using Concord.Flow.Store;

namespace Concord.Flow.Api;

/// <summary>A job file to run, with the name its line numbers should cite ("job file" when none is given).</summary>
public sealed record SubmitJob(string JobFile, string? Source = null);

public sealed record JobSubmitted(string JobId);

/// <summary>A job as the initiator sees it: its record and every party's tasks.</summary>
public sealed record JobView(JobRecord Job, IReadOnlyList<TaskRecord> Tasks);

public sealed record JobResumed(string JobId, int Attempt);

/// <summary>One component of a job's DAG, with its inputs and each party's task state.</summary>
public sealed record DagNode(string Name, string Type, IReadOnlyList<string> Inputs, IReadOnlyDictionary<int, TaskState> States);
