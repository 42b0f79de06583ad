using System.Data.Common;

namespace Concord.Flow.Store;

public abstract partial class SqlFlowStore
{
    private const string TaskWhere = "job_id = @job AND component = @component AND party = @party";

    public Task SaveCheckpointAsync(TaskKey task, long iteration, byte[] state, int keep = 3, CancellationToken ct = default)
    {
        task.Validate();
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegative(iteration);
        FlowStoreChecks.Positive(keep, $"number of checkpoints to keep for {task}");
        return InTransactionAsync($"save the checkpoint of {task} at iteration {iteration}", async session =>
        {
            await session.ExecuteAsync("""
                INSERT INTO checkpoints (job_id, component, party, iteration, state, saved_at)
                VALUES (@job, @component, @party, @iteration, @state, @at)
                ON CONFLICT (job_id, component, party, iteration) DO UPDATE SET state = excluded.state, saved_at = excluded.saved_at
                """, ct, [.. TaskParameters(task), ("@iteration", iteration), ("@state", state), ("@at", SqlValues.Millis(DateTimeOffset.UtcNow))]).ConfigureAwait(false);
            return await session.ExecuteAsync($"""
                DELETE FROM checkpoints WHERE {TaskWhere} AND iteration NOT IN (
                    SELECT iteration FROM checkpoints WHERE {TaskWhere} ORDER BY iteration DESC LIMIT @keep)
                """, ct, [.. TaskParameters(task), ("@keep", keep)]).ConfigureAwait(false);
        }, ct);
    }

    public Task<Checkpoint?> LatestCheckpointAsync(TaskKey task, long? atMost = null, CancellationToken ct = default)
    {
        task.Validate();
        var bound = atMost is null ? "" : " AND iteration <= @most";
        (string, object?)[] parameters = atMost is { } most ? [.. TaskParameters(task), ("@most", most)] : TaskParameters(task);
        return RunAsync($"read the latest checkpoint of {task}", async session => (await session.QueryAsync(
            $"SELECT iteration, state, saved_at FROM checkpoints WHERE {TaskWhere}{bound} ORDER BY iteration DESC LIMIT 1",
            reader => ReadCheckpoint(task, reader), ct, parameters).ConfigureAwait(false)).SingleOrDefault(), ct);
    }

    public Task<int> DeleteCheckpointsAsync(string jobId, string? component = null, CancellationToken ct = default) =>
        RunAsync($"delete the checkpoints of job {jobId}", session => component is null
            ? session.ExecuteAsync("DELETE FROM checkpoints WHERE job_id = @job", ct, ("@job", jobId))
            : session.ExecuteAsync("DELETE FROM checkpoints WHERE job_id = @job AND component = @component", ct, ("@job", jobId), ("@component", component)), ct);

    private static Checkpoint ReadCheckpoint(TaskKey task, DbDataReader reader) =>
        new(task, reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.Time(2));
}
