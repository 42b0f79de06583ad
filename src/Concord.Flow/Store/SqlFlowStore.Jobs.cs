using System.Data.Common;
using System.Text.Json;
using Concord.Flow.Control;

namespace Concord.Flow.Store;

public abstract partial class SqlFlowStore
{
    private const string JobColumns = "job_id, name, initiator, roster, job_file, seed, state, error, created_at, started_at, ended_at";

    public Task<JobRecord> CreateJobAsync(JobSpec spec, CancellationToken ct = default)
    {
        spec.Validate();
        var job = new JobRecord(spec, TaskState.Waiting, null, SqlValues.Truncate(DateTimeOffset.UtcNow), null, null);
        return RunAsync($"create job {spec.JobId}", async session =>
        {
            await session.ExecuteAsync($"""
                INSERT INTO jobs ({JobColumns})
                VALUES (@id, @name, @initiator, @roster, @file, @seed, @state, NULL, @created, NULL, NULL)
                """, ct,
                ("@id", spec.JobId), ("@name", spec.Name), ("@initiator", spec.Initiator),
                ("@roster", JsonSerializer.Serialize(spec.Roster, ControlJson.Options)), ("@file", spec.JobFile), ("@seed", spec.Seed),
                ("@state", SqlValues.Name(job.State)), ("@created", SqlValues.Millis(job.CreatedAt))).ConfigureAwait(false);
            return job;
        }, ct);
    }

    public Task<JobRecord?> GetJobAsync(string jobId, CancellationToken ct = default) =>
        RunAsync($"read job {jobId}", async session =>
            (await session.QueryAsync($"SELECT {JobColumns} FROM jobs WHERE job_id = @id", ReadJob, ct, ("@id", jobId)).ConfigureAwait(false))
                .SingleOrDefault(), ct);

    public Task<IReadOnlyList<JobRecord>> ListJobsAsync(int limit = 100, TaskState? state = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        const string Sql = $"SELECT {JobColumns} FROM jobs ORDER BY seq DESC LIMIT @limit";
        const string SqlInState = $"SELECT {JobColumns} FROM jobs WHERE state = @state ORDER BY seq DESC LIMIT @limit";
        return RunAsync<IReadOnlyList<JobRecord>>("list jobs", async session => state is { } s
            ? await session.QueryAsync(SqlInState, ReadJob, ct, ("@state", SqlValues.Name(s)), ("@limit", limit)).ConfigureAwait(false)
            : await session.QueryAsync(Sql, ReadJob, ct, ("@limit", limit)).ConfigureAwait(false), ct);
    }

    public Task<JobPage> PageJobsAsync(JobQuery query, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        if (query.State is { } state)
        {
            where.Add("state = @state");
            parameters.Add(("@state", SqlValues.Name(state)));
        }
        if (!string.IsNullOrEmpty(query.IdContains))
        {
            // The text is matched literally: its own % and _ are escaped, not wildcards.
            where.Add(@"LOWER(job_id) LIKE @pattern ESCAPE '\'");
            var literal = query.IdContains.ToLowerInvariant().Replace(@"\", @"\\", StringComparison.Ordinal)
                .Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
            parameters.Add(("@pattern", $"%{literal}%"));
        }
        var filter = where.Count == 0 ? "" : $"WHERE {string.Join(" AND ", where)}";
        return RunAsync("list a page of jobs", async session =>
        {
            var total = Convert.ToInt32(await session.ScalarAsync($"SELECT COUNT(*) FROM jobs {filter}", ct, [.. parameters]).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            var jobs = await session.QueryAsync($"SELECT {JobColumns} FROM jobs {filter} ORDER BY seq DESC LIMIT @limit OFFSET @offset", ReadJob, ct,
                [.. parameters, ("@limit", query.Limit), ("@offset", query.Offset)]).ConfigureAwait(false);
            return new JobPage(jobs, total);
        }, ct);
    }

    public Task<bool> TryTransitionJobAsync(string jobId, TaskState from, TaskState to, string? error = null, CancellationToken ct = default)
    {
        if (!JobStateMachine.Allows(from, to))
        {
            throw new FlowStoreException(FlowStoreError.IllegalTransition, $"job {jobId} may not go from {SqlValues.Name(from)} to {SqlValues.Name(to)}");
        }
        CheckError(jobId, to, error);
        // A rerun starts afresh; a start stamps the start; an end stamps the end and keeps the start.
        var times = to switch
        {
            TaskState.Waiting or TaskState.PendingApproval => "started_at = NULL, ended_at = NULL",
            TaskState.Running => "started_at = @now, ended_at = NULL",
            _ => "ended_at = @now",
        };
        (string, object?)[] parameters = [("@to", SqlValues.Name(to)), ("@error", error), ("@id", jobId), ("@from", SqlValues.Name(from))];
        if (to is not (TaskState.Waiting or TaskState.PendingApproval))
        {
            parameters = [.. parameters, ("@now", SqlValues.Millis(DateTimeOffset.UtcNow))];
        }
        return RunAsync($"move job {jobId} from {SqlValues.Name(from)} to {SqlValues.Name(to)}", async session =>
        {
            var changed = await session.ExecuteAsync($"UPDATE jobs SET state = @to, error = @error, {times} WHERE job_id = @id AND state = @from", ct, parameters).ConfigureAwait(false);
            if (changed == 0 && await session.ScalarAsync("SELECT 1 FROM jobs WHERE job_id = @id", ct, ("@id", jobId)).ConfigureAwait(false) is null)
            {
                throw NoJob(jobId);
            }
            return changed == 1;
        }, ct);
    }

    /// <summary>A failed job must say why; a job that has not ended has no error to show.</summary>
    private static void CheckError(string jobId, TaskState to, string? error)
    {
        if (to == TaskState.Failed && string.IsNullOrWhiteSpace(error))
        {
            throw new ArgumentException($"job {jobId} cannot fail without an error message");
        }
        if (to is not (TaskState.Failed or TaskState.Canceled) && error is not null)
        {
            throw new ArgumentException($"job {jobId} cannot carry an error into state {SqlValues.Name(to)}");
        }
    }

    private static JobRecord ReadJob(DbDataReader reader)
    {
        var roster = JsonSerializer.Deserialize<RosterSpec>(reader.GetString(3), ControlJson.Options)
            ?? throw new InvalidDataException($"job {reader.GetString(0)} has a null roster");
        var spec = new JobSpec(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), roster, reader.GetString(4), reader.GetInt64(5));
        return new JobRecord(spec, SqlValues.Parse<TaskState>(reader.GetString(6)), reader.NullableString(7),
            reader.Time(8), reader.NullableTime(9), reader.NullableTime(10));
    }
}
