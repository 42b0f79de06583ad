using System.Collections.Concurrent;
using Concord.Federation.Messaging;

namespace Concord.Federation.Transport;

/// <summary>
/// A party's inbox. Messages may arrive before or after their receiver asks for them; each key is
/// delivered once, and a later arrival of a key already delivered is reported as a duplicate and dropped.
/// </summary>
public sealed class Mailbox : IDisposable
{
    private readonly ConcurrentDictionary<MessageKey, TaskCompletionSource<IncomingPayload>> _slots = new();
    private readonly ConcurrentDictionary<MessageKey, byte> _delivered = new();
    private long _duplicatesDropped;

    public enum Outcome
    {
        Accepted,
        Duplicate,
    }

    /// <summary>Whether a message with this key has already been accepted; lets a server skip a resend early.</summary>
    public bool HasDelivered(MessageKey key) => _delivered.ContainsKey(key);

    /// <summary>How many resends were recognised and dropped.</summary>
    public long DuplicatesDropped => Interlocked.Read(ref _duplicatesDropped);

    /// <summary>Counts a resend that the server dropped without capturing it.</summary>
    public void CountDuplicate() => Interlocked.Increment(ref _duplicatesDropped);

    public Outcome Deliver(MessageKey key, IncomingPayload payload)
    {
        if (!_delivered.TryAdd(key, 0))
        {
            payload.Dispose();
            CountDuplicate();
            return Outcome.Duplicate;
        }
        Slot(key).TrySetResult(payload);
        return Outcome.Accepted;
    }

    public async Task<IncomingPayload> TakeAsync(MessageKey key, TimeSpan timeout, CancellationToken ct)
    {
        var slot = Slot(key);
        try
        {
            return await slot.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new FederationTimeoutException(
                $"party {key.To} waited {timeout.TotalSeconds:0.#} s for \"{key.Tag}\" ({key.Scope}) from party {key.From}, which did not send it; the peer may be down or slow",
                key.From);
        }
        finally
        {
            if (slot.Task.IsCompletedSuccessfully)
            {
                _slots.TryRemove(key, out _);
            }
        }
    }

    private TaskCompletionSource<IncomingPayload> Slot(MessageKey key) =>
        _slots.GetOrAdd(key, _ => new TaskCompletionSource<IncomingPayload>(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Dispose()
    {
        foreach (var slot in _slots.Values)
        {
            if (slot.Task.IsCompletedSuccessfully)
            {
                slot.Task.Result.Dispose();
            }
        }
        _slots.Clear();
    }
}
