using System.Collections.Concurrent;
using Concord.Federation.Messaging;
using Concord.Federation.Recording;

namespace Concord.Federation.Transport;

/// <summary>
/// A party's inbox. Messages may arrive before or after their receiver asks for them; each key is
/// delivered once, and a later arrival of a key already delivered is reported as a duplicate and dropped.
/// What waits here is charged to its job session's and the node's quotas, and a closed session's messages go.
/// </summary>
public sealed class Mailbox(FederationOptions options) : IDisposable
{
    /// <summary>Closed sessions remembered, so a delivery that raced with the close is still dropped.</summary>
    private const int ClosedSessionsRemembered = 4096;

    private readonly ConcurrentDictionary<MessageKey, TaskCompletionSource<IncomingPayload>> _slots = new();
    private readonly ConcurrentDictionary<MessageKey, byte> _delivered = new();
    private readonly RecentSessions<bool> _closed = new(ClosedSessionsRemembered);
    private readonly MailboxQuotas _quotas = new(options);
    private readonly Lock _recordersLock = new();
    private volatile Transcript[] _recorders = [];
    private long _duplicatesDropped;

    public enum Outcome
    {
        Accepted,
        Duplicate,
        Discarded,
    }

    public FederationOptions Options => options;

    /// <summary>Whether a message with this key has already been accepted; lets a server skip a resend early.</summary>
    public bool HasDelivered(MessageKey key) => _delivered.ContainsKey(key);

    /// <summary>How many resends were recognised and dropped.</summary>
    public long DuplicatesDropped => Interlocked.Read(ref _duplicatesDropped);

    /// <summary>Bytes of waiting (or not yet disposed) messages held in memory.</summary>
    public long MemoryBytesHeld => _quotas.MemoryHeld;

    /// <summary>Bytes of waiting (or not yet disposed) messages held in spool files.</summary>
    public long SpoolBytesHeld => _quotas.SpoolHeld;

    /// <summary>Counts a resend that the server dropped without capturing it.</summary>
    public void CountDuplicate() => Interlocked.Increment(ref _duplicatesDropped);

    /// <summary>
    /// Reads a message's payload, charged to its session's quotas; throws <see cref="PayloadRefusedException"/>
    /// naming the limit when it is too large or a quota is full.
    /// </summary>
    public Task<IncomingPayload> CaptureAsync(MessageKey key, Stream source, CancellationToken ct) =>
        IncomingPayload.CaptureAsync(source, _quotas.Charge(key.JobId), options, ct);

    /// <summary>
    /// Records into <paramref name="transcript"/> every message delivered here from now on (attach it before the job's
    /// messages arrive): what this party holds, whether its protocol reads it or not. Attaching it again changes nothing.
    /// </summary>
    public void RecordDeliveriesTo(Transcript transcript)
    {
        lock (_recordersLock)
        {
            if (!_recorders.Contains(transcript))
            {
                _recorders = [.. _recorders, transcript];
            }
        }
    }

    public Outcome Deliver(MessageKey key, IncomingPayload payload)
    {
        if (!_delivered.TryAdd(key, 0))
        {
            payload.Dispose();
            CountDuplicate();
            return Outcome.Duplicate;
        }
        // Before the slot is filled: a waiting receiver may take the payload and dispose of it at once.
        Record(key, payload);
        if (!Slot(key).TrySetResult(payload))
        {
            payload.Dispose();
        }
        if (_closed.TryGet(key.JobId, out _))
        {
            // The session closed while this payload streamed in: nobody will take it.
            Sweep(key.JobId);
            return Outcome.Discarded;
        }
        return Outcome.Accepted;
    }

    private void Record(MessageKey key, IncomingPayload payload)
    {
        var recorders = _recorders;
        if (recorders.Length == 0)
        {
            return;
        }
        using var copy = new MemoryStream();
        using (var stream = payload.OpenRead())
        {
            stream.CopyTo(copy);
        }
        var delivery = new Delivery(key, copy.ToArray());
        foreach (var transcript in recorders)
        {
            transcript.RecordDelivery(delivery);
        }
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

    /// <summary>Lets a closed session's messages in again, should the same session ever run again.</summary>
    public void Reopen(string session) => _closed.Remove(session);

    /// <summary>
    /// Ends a job session here: its waiting messages are disposed (spool files deleted, quota given back), its
    /// record of delivered keys goes, and a delivery still streaming in for it is dropped when it lands.
    /// </summary>
    public void Close(string session)
    {
        _closed.Add(session, true);
        Sweep(session);
        _quotas.Forget(session);
    }

    private void Sweep(string session)
    {
        foreach (var key in _slots.Keys.Where(k => k.JobId == session))
        {
            if (_slots.TryRemove(key, out var slot)
                && !slot.TrySetException(new FederationException($"job session {session} has ended at party {key.To}", key.From))
                && slot.Task.IsCompletedSuccessfully)
            {
                slot.Task.Result.Dispose();
            }
        }
        foreach (var key in _delivered.Keys.Where(k => k.JobId == session))
        {
            _delivered.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// Deletes the spool files in <paramref name="directory"/>, all left by an earlier process: a mailbox lives in
    /// memory, so after a restart no receiver can ever take them. Returns how many files and bytes went.
    /// </summary>
    public static (int Files, long Bytes) ClearSpool(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return (0, 0);
        }
        var (files, bytes) = (0, 0L);
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles($"*{IncomingPayload.SpoolExtension}"))
        {
            bytes += file.Length;
            file.Delete();
            files++;
        }
        return (files, bytes);
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
