using System.Diagnostics;
using Concord.Federation;
using Concord.Flow.Control;
using Concord.Flow.Tasks;

namespace Concord.Flow.Jobs;

/// <summary>
/// The initiating guest's side of a job: hand every party its task, watch them all, and fail the job
/// everywhere as soon as one party fails, with that party's own error.
/// </summary>
public sealed class JobCoordinator(int selfId, TaskRunner local, Func<int, ControlClient> controlOf)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public async Task<JobReport> RunAsync(JobRequest request, TimeSpan timeout, CancellationToken ct)
    {
        if (request.Roster.Guest != selfId)
        {
            throw new ArgumentException($"this node is party {selfId}, but the job's guest is {request.Roster.Guest}; submit the job to the guest");
        }
        var jobId = request.JobId ?? $"job-{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var parties = request.Roster.ToRoster().All().Select(p => p.Id).Distinct().ToList();
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            foreach (var party in parties)
            {
                var parameters = request.PartyParameters?.GetValueOrDefault(party.ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? [];
                var task = new TaskRequest(jobId, request.Component, request.Roster, selfId, (System.Text.Json.Nodes.JsonObject)parameters.DeepClone());
                if (party == selfId)
                {
                    local.Start(task);
                }
                else
                {
                    await controlOf(party).StartTaskAsync(task, deadline.Token).ConfigureAwait(false);
                }
            }
            var reports = await WatchAsync(jobId, parties, deadline.Token).ConfigureAwait(false);
            var failed = reports.FirstOrDefault(r => r.State == TaskState.Failed);
            if (failed is not null)
            {
                await CancelAllAsync(jobId, parties).ConfigureAwait(false);
                var role = request.Roster.RoleOf(failed.Party);
                return new JobReport(jobId, TaskState.Failed, $"party {failed.Party} ({role.Role.ToString().ToLowerInvariant()}) failed: {failed.Error}", null, reports, clock.Elapsed.TotalSeconds);
            }
            var own = reports.Single(r => r.Party == selfId);
            return new JobReport(jobId, TaskState.Success, null, own.Result, reports, clock.Elapsed.TotalSeconds);
        }
        catch (Exception ex) when (ex is FederationException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            await CancelAllAsync(jobId, parties).ConfigureAwait(false);
            var error = ex is FederationException ? ex.Message : $"job did not finish within {timeout.TotalSeconds:0} s";
            return new JobReport(jobId, TaskState.Failed, error, null, [], clock.Elapsed.TotalSeconds);
        }
    }

    /// <summary>Polls until every party has finished or any has failed.</summary>
    private async Task<List<TaskReport>> WatchAsync(string jobId, List<int> parties, CancellationToken ct)
    {
        while (true)
        {
            var reports = new List<TaskReport>();
            foreach (var party in parties)
            {
                reports.Add(party == selfId
                    ? local.Report(jobId)!
                    : await controlOf(party).GetTaskAsync(jobId, ct).ConfigureAwait(false));
            }
            if (reports.Any(r => r.State == TaskState.Failed) || reports.All(r => r.State == TaskState.Success))
            {
                return reports;
            }
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    private async Task CancelAllAsync(string jobId, List<int> parties)
    {
        foreach (var party in parties)
        {
            try
            {
                if (party == selfId)
                {
                    local.Cancel(jobId);
                }
                else
                {
                    using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await controlOf(party).CancelTaskAsync(jobId, quick.Token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is FederationException or OperationCanceledException)
            {
                // A party that cannot be told to stop will stop on its own receive timeout.
            }
        }
    }
}
