using System.Data.Common;
using System.Text.Json.Nodes;

namespace Concord.Flow.Store;

public abstract partial class SqlFlowStore
{
    /// <summary>The step column's value for a metric without steps: part of the key, so it cannot be NULL, which never equals itself.</summary>
    private const long NoStep = -1;

    public Task PutMetricAsync(TaskKey task, string name, MetricKind kind, JsonNode value, long? step = null, CancellationToken ct = default)
    {
        task.Validate();
        FlowStoreChecks.NotBlank(name, $"metric name of {task}");
        ArgumentNullException.ThrowIfNull(value);
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"metric {name} of {task} has step {step}; steps count from 0");
        }
        return RunAsync($"record metric {name} of {task}", session => session.ExecuteAsync("""
            INSERT INTO metrics (job_id, component, party, name, step, kind, value, recorded_at)
            VALUES (@job, @component, @party, @name, @step, @kind, @value, @at)
            ON CONFLICT (job_id, component, party, name, step) DO UPDATE SET
                kind = excluded.kind, value = excluded.value, recorded_at = excluded.recorded_at
            """, ct,
            [.. TaskParameters(task), ("@name", name), ("@step", step ?? NoStep), ("@kind", SqlValues.Name(kind)),
            ("@value", value.ToJsonString()), ("@at", SqlValues.Millis(DateTimeOffset.UtcNow))]), ct);
    }

    public Task<IReadOnlyList<MetricRecord>> MetricsAsync(string jobId, string? component = null, CancellationToken ct = default)
    {
        const string Columns = "SELECT job_id, component, party, name, kind, step, value, recorded_at FROM metrics";
        const string Order = "ORDER BY component, party, name, step";
        return RunAsync<IReadOnlyList<MetricRecord>>($"read the metrics of job {jobId}", async session => component is null
            ? await session.QueryAsync($"{Columns} WHERE job_id = @job {Order}", ReadMetric, ct, ("@job", jobId)).ConfigureAwait(false)
            : await session.QueryAsync($"{Columns} WHERE job_id = @job AND component = @component {Order}", ReadMetric, ct,
                ("@job", jobId), ("@component", component)).ConfigureAwait(false), ct);
    }

    private static MetricRecord ReadMetric(DbDataReader reader) => new(
        new TaskKey(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)),
        reader.GetString(3),
        SqlValues.Parse<MetricKind>(reader.GetString(4)),
        reader.GetInt64(5) is var step && step == NoStep ? null : step,
        reader.Json(6),
        reader.Time(7));
}
