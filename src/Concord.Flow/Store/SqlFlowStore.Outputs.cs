using System.Data.Common;
using System.Text.Json.Nodes;

namespace Concord.Flow.Store;

public abstract partial class SqlFlowStore
{
    public Task PutOutputAsync(TaskKey task, OutputSlot slot, JsonNode reference, CancellationToken ct = default)
    {
        task.Validate();
        ArgumentNullException.ThrowIfNull(reference);
        return RunAsync($"record the {SqlValues.Name(slot)} output of {task}", session => session.ExecuteAsync("""
            INSERT INTO outputs (job_id, component, party, slot, reference) VALUES (@job, @component, @party, @slot, @reference)
            ON CONFLICT (job_id, component, party, slot) DO UPDATE SET reference = excluded.reference
            """, ct,
            [.. TaskParameters(task), ("@slot", SqlValues.Name(slot)), ("@reference", reference.ToJsonString())]), ct);
    }

    public Task<IReadOnlyList<OutputRecord>> OutputsAsync(string jobId, CancellationToken ct = default) =>
        RunAsync<IReadOnlyList<OutputRecord>>($"read the outputs of job {jobId}", async session => await session.QueryAsync(
            "SELECT job_id, component, party, slot, reference FROM outputs WHERE job_id = @job ORDER BY component, party, slot",
            ReadOutput, ct, ("@job", jobId)).ConfigureAwait(false), ct);

    private static OutputRecord ReadOutput(DbDataReader reader) => new(
        new TaskKey(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)),
        SqlValues.Parse<OutputSlot>(reader.GetString(3)),
        reader.Json(4));
}
