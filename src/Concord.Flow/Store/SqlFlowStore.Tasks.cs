using System.Data.Common;
using Concord.Flow.Control;

namespace Concord.Flow.Store;

public abstract partial class SqlFlowStore
{
    public Task UpsertTaskAsync(TaskRecord task, CancellationToken ct = default)
    {
        task.Validate();
        var key = task.Key;
        return RunAsync($"write the task of {key}", session => session.ExecuteAsync("""
            INSERT INTO tasks (job_id, component, party, role, state, error, progress, status, attempt, started_at, ended_at)
            VALUES (@job, @component, @party, @role, @state, @error, @progress, @status, @attempt, @started, @ended)
            ON CONFLICT (job_id, component, party) DO UPDATE SET
                role = excluded.role, state = excluded.state, error = excluded.error, progress = excluded.progress,
                status = excluded.status, attempt = excluded.attempt, started_at = excluded.started_at, ended_at = excluded.ended_at
            """, ct,
            [.. TaskParameters(key), ("@role", task.Role), ("@state", SqlValues.Name(task.State)), ("@error", task.Error),
            ("@progress", task.Progress), ("@status", task.Status), ("@attempt", task.Attempt),
            ("@started", SqlValues.Millis(task.StartedAt)), ("@ended", SqlValues.Millis(task.EndedAt))]), ct);
    }

    public Task<IReadOnlyList<TaskRecord>> TasksAsync(string jobId, CancellationToken ct = default) =>
        RunAsync<IReadOnlyList<TaskRecord>>($"read the tasks of job {jobId}", async session => await session.QueryAsync("""
            SELECT job_id, component, party, role, state, error, progress, status, attempt, started_at, ended_at
            FROM tasks WHERE job_id = @job ORDER BY component, party
            """, ReadTask, ct, ("@job", jobId)).ConfigureAwait(false), ct);

    private static TaskRecord ReadTask(DbDataReader reader) => new(
        new TaskKey(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)),
        reader.GetString(3),
        SqlValues.Parse<TaskState>(reader.GetString(4)),
        reader.NullableString(5),
        reader.GetDouble(6),
        reader.NullableString(7),
        reader.GetInt32(8),
        reader.NullableTime(9),
        reader.NullableTime(10));
}
