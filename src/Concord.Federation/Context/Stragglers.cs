using Concord.Federation.Messaging;
using Concord.Federation.Parties;

namespace Concord.Federation.Context;

/// <summary>
/// Bounded waits for protocols that tolerate dropouts (an arbiter collecting clients' updates): a message from each
/// of several parties, taking whatever arrived by the deadline. A party that has not answered by then (slow, crashed,
/// or cut off) is left out rather than holding the protocol up.
/// </summary>
public static class Stragglers
{
    /// <summary>The messages that arrived in time, in the order of <paramref name="from"/>.</summary>
    /// <param name="enough">Stop as soon as this many have arrived (null: wait for all or the deadline).</param>
    public static async Task<IReadOnlyList<(PartyRef Party, T Value)>> ReceiveWithinAsync<T>(
        FederationContext ctx, IReadOnlyList<PartyRef> from, Tag<T> tag, TimeSpan deadline, int? enough, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pending = from.ToDictionary(p => (Task)ctx.Group([p]).Receive(tag, stop.Token), p => p);
        var arrived = new Dictionary<PartyRef, T>();
        var timer = Task.Delay(deadline, stop.Token);
        try
        {
            while (pending.Count > 0 && (enough is null || arrived.Count < enough))
            {
                var done = await Task.WhenAny(pending.Keys.Append(timer)).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                if (done == timer)
                {
                    break;
                }
                var party = pending[done];
                pending.Remove(done);
                try
                {
                    arrived[party] = await ((Task<T>)done).ConfigureAwait(false);
                }
                catch (FederationTimeoutException)
                {
                    // The transport gave up first: the same as missing the deadline.
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var abandoned in pending.Keys)
            {
                // Observed, so that the cancellation of a wait nobody needs any more is not reported as unhandled.
                _ = abandoned.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }
        return [.. from.Where(arrived.ContainsKey).Select(p => (p, arrived[p]))];
    }

    /// <summary>Sends to each party separately; those that cannot be reached are returned rather than thrown: a deadline later drops them.</summary>
    public static async Task<IReadOnlyList<PartyRef>> SendToEachAsync<T>(FederationContext ctx, IReadOnlyList<PartyRef> to, Tag<T> tag, T value, CancellationToken ct)
    {
        var sends = to.Select(async p =>
        {
            try
            {
                await ctx.Group([p]).Send(tag, value, ct).ConfigureAwait(false);
                return (Party: p, Reached: true);
            }
            catch (PeerUnreachableException)
            {
                return (Party: p, Reached: false);
            }
        }).ToList();
        var results = await Task.WhenAll(sends).ConfigureAwait(false);
        return [.. results.Where(r => !r.Reached).Select(r => r.Party)];
    }
}
