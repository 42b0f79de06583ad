using Concord.Flow.Control;
using Concord.Flow.Dsl;
using Concord.Flow.Jobs;

namespace Concord.Flow.Governance;

/// <summary>
/// The initiator's side of consent: it asks every party for its word on the job before starting it anywhere,
/// so a party that refuses stops the job before any party's data moves, and a job waiting for approval starts
/// nowhere until every party has approved it.
/// </summary>
public sealed class JobGate(PartyJobs local, Func<int, ControlClient> controlOf, TimeSpan askTimeout)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The parties still waiting for their operator's approval; throws the first refusal.</summary>
    public async Task<IReadOnlyList<int>> AskAsync(JobStart start, JobDefinition job, IEnumerable<int> parties, CancellationToken ct)
    {
        var pending = new List<int>();
        foreach (var party in parties)
        {
            // A party that does not answer in time is taken as unreachable, as for every other question about a job.
            using var ask = CancellationTokenSource.CreateLinkedTokenSource(ct);
            ask.CancelAfter(askTimeout);
            var consent = party == local.Party.PartyId
                ? await local.Consent.AskAsync(start, job, ask.Token).ConfigureAwait(false)
                : await controlOf(party).AskConsentAsync(start, ask.Token).ConfigureAwait(false);
            if (consent == Consent.PendingApproval)
            {
                pending.Add(party);
            }
        }
        return pending;
    }

    /// <summary>
    /// Asks the waiting parties again until all have approved (true) or the job stops waiting here, say because
    /// the operator stopped it (false). A rejection throws, naming the party and who rejected it.
    /// </summary>
    public async Task<bool> WaitForApprovalAsync(JobStart start, JobDefinition job, IReadOnlyList<int> pending, Func<Task<bool>> stillWaiting)
    {
        var waiting = pending;
        while (waiting.Count > 0)
        {
            await Task.Delay(PollInterval).ConfigureAwait(false);
            if (!await stillWaiting().ConfigureAwait(false))
            {
                return false;
            }
            waiting = await AskAsync(start, job, waiting, CancellationToken.None).ConfigureAwait(false);
        }
        return true;
    }
}
