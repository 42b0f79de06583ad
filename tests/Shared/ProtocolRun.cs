namespace Concord.Tests.Shared;

/// <summary>Waits for a protocol's roles so that its transcript can be checked whatever the outcome.</summary>
internal static class ProtocolRun
{
    /// <summary>
    /// Completes when every role has ended, and returns the first role's failure (null when all succeeded). On the
    /// first failure <paramref name="cancelOthers"/> is cancelled, so the roles still waiting for the failed one end
    /// now rather than at their receive timeout; their cancellations are not the cause and are not reported.
    /// </summary>
    public static async Task<Exception?> SettleAsync(IReadOnlyList<Task> roles, CancellationTokenSource? cancelOthers = null)
    {
        var pending = roles.ToList();
        Exception? first = null;
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            if (done.IsFaulted && first is null && done.Exception!.InnerException is not OperationCanceledException)
            {
                first = done.Exception.InnerExceptions.Count == 1 ? done.Exception.InnerException : done.Exception;
                await (cancelOthers?.CancelAsync() ?? Task.CompletedTask);
            }
        }
        return first ?? roles.FirstOrDefault(r => r.IsFaulted || r.IsCanceled)?.Exception?.InnerException
            ?? (roles.Any(r => r.IsCanceled) ? new OperationCanceledException("a role was cancelled") : null);
    }

    /// <summary>
    /// Completes when every role has ended on its own (none is cancelled), with every role's failure, or null when all
    /// succeeded: for a refusal that each party must reach by itself rather than by timing out.
    /// </summary>
    public static async Task<AggregateException?> EveryFailureAsync(IReadOnlyList<Task> roles)
    {
        await Task.WhenAll(roles).ContinueWith(_ => { }, TaskScheduler.Default);
        var failed = roles.Where(r => r.IsFaulted).ToList();
        return failed.Count == 0 ? null : new AggregateException(failed.SelectMany(r => r.Exception!.InnerExceptions));
    }
}
