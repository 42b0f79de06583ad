using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Concord.Flow.Store;

public abstract partial class SqlFlowStore
{
    public Task<long> AppendLogAsync(TaskKey task, LogLevel level, string message, CancellationToken ct = default)
    {
        task.Validate();
        ArgumentNullException.ThrowIfNull(message);
        return InTransactionAsync($"append a log line to {task}", async session =>
        {
            // The job's row counts its lines. Updating it locks it until commit, so lines become visible in the
            // order of their numbers and a reader tailing by number never skips one committed late.
            var next = await session.ScalarAsync("UPDATE jobs SET log_seq = log_seq + 1 WHERE job_id = @job RETURNING log_seq", ct,
                ("@job", task.JobId)).ConfigureAwait(false) ?? throw NoJob(task.JobId);
            var sequence = Convert.ToInt64(next, CultureInfo.InvariantCulture);
            await session.ExecuteAsync("""
                INSERT INTO logs (job_id, seq, component, party, level, message, logged_at)
                VALUES (@job, @seq, @component, @party, @level, @message, @at)
                """, ct,
                [.. TaskParameters(task), ("@seq", sequence), ("@level", SqlValues.Name(level)), ("@message", message),
                ("@at", SqlValues.Millis(DateTimeOffset.UtcNow))]).ConfigureAwait(false);
            return sequence;
        }, ct);
    }

    public Task<IReadOnlyList<LogEntry>> LogsAsync(string jobId, string? component = null, int? party = null, long afterSequence = 0, int? limit = null, CancellationToken ct = default)
    {
        var where = "job_id = @job AND seq > @after";
        List<(string, object?)> parameters = [("@job", jobId), ("@after", afterSequence)];
        if (component is not null)
        {
            where += " AND component = @component";
            parameters.Add(("@component", component));
        }
        if (party is not null)
        {
            where += " AND party = @party";
            parameters.Add(("@party", party.Value));
        }
        var take = "";
        if (limit is { } l)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(l, nameof(limit));
            take = " LIMIT @limit";
            parameters.Add(("@limit", l));
        }
        return RunAsync<IReadOnlyList<LogEntry>>($"read the log of job {jobId}", async session => await session.QueryAsync(
            $"SELECT seq, job_id, component, party, level, message, logged_at FROM logs WHERE {where} ORDER BY seq{take}",
            ReadLog, ct, [.. parameters]).ConfigureAwait(false), ct);
    }

    private static LogEntry ReadLog(DbDataReader reader) => new(
        reader.GetInt64(0),
        new TaskKey(reader.GetString(1), reader.GetString(2), reader.GetInt32(3)),
        SqlValues.Parse<LogLevel>(reader.GetString(4)),
        reader.GetString(5),
        reader.Time(6));
}
