using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Concord.Federation.Transport.Auditing;
using Concord.Flow.Store;

namespace Concord.Flow.Audit;

/// <summary>What a node's audit log is told at start.</summary>
/// <param name="Certificate">The party's certificate with its key, to sign checkpoints; null keeps no checkpoints.</param>
/// <param name="CheckpointEvery">Sign a checkpoint once this many records have been appended since the last one.</param>
public sealed record AuditLogOptions(int Party, X509Certificate2? Certificate, int CheckpointEvery = 1000)
{
    /// <summary>Events waiting to be stored; a producer waits while the queue is full, so none is ever dropped.</summary>
    public int QueueCapacity { get; init; } = 100_000;

    /// <summary>The most records stored in one transaction.</summary>
    public int MaxBatch { get; init; } = 2_000;
}

/// <summary>
/// A party's audit trail as its node writes it. Events queue in memory and one writer stores them in batches, each
/// batch in one transaction, so that recording a message costs its sender or receiver no more than a queue write.
/// The writer signs a checkpoint every <see cref="AuditLogOptions.CheckpointEvery"/> records, at the end of every
/// job, on request (<see cref="CheckpointAsync"/>) and when the log is closed.
/// </summary>
public sealed class AuditLog : IAuditLog, IMessageAudit, IAsyncDisposable
{
    private static readonly TimeSpan[] Retries = [TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    private readonly IAuditStore _store;
    private readonly AuditLogOptions _options;
    private readonly Action<string> _log;
    private readonly Channel<Pending> _queue;
    private readonly Task _writer;
    private long _signedSeq;
    private long _unsigned;
    private AuditRecord? _head;

    /// <summary>An event to store (with the digest it still awaits, for a received message), or a request to sign.</summary>
    private sealed record Pending(AuditEvent? Event, MessageSeen? Message, TaskCompletionSource? Done);

    private AuditLog(IAuditStore store, AuditLogOptions options, Action<string> log, AuditRecord? head, long signedSeq)
    {
        _store = store;
        _options = options;
        _log = log;
        _head = head;
        _signedSeq = signedSeq;
        _unsigned = (head?.Seq ?? 0) - signedSeq;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = Task.Run(WriteLoopAsync);
    }

    public static async Task<AuditLog> OpenAsync(IAuditStore store, AuditLogOptions options, Action<string> log, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CheckpointEvery, 1);
        var head = await store.LastAuditRecordAsync(ct).ConfigureAwait(false);
        var checkpoints = await store.AuditCheckpointsAsync(ct).ConfigureAwait(false);
        return new AuditLog(store, options, log, head, checkpoints.Count == 0 ? 0 : checkpoints[^1].Seq);
    }

    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Pending(auditEvent, null, done), ct).ConfigureAwait(false);
        await done.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    public ValueTask RecordAsync(MessageSeen message)
    {
        var pending = new Pending(null, message, null);
        return _queue.Writer.TryWrite(pending) ? ValueTask.CompletedTask : WaitToRecordAsync(pending);
    }

    private async ValueTask WaitToRecordAsync(Pending pending)
    {
        try
        {
            await _queue.Writer.WriteAsync(pending).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The node is shutting down and its last messages went out after the log closed; nothing to keep them in.
        }
    }

    /// <summary>Stores everything queued before this call, then signs the head of the trail if it is not signed yet.</summary>
    public async Task CheckpointAsync(CancellationToken ct = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Pending(null, null, done), ct).ConfigureAwait(false);
        await done.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(_options.MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            await WriteBatchAsync(batch).ConfigureAwait(false);
        }
        try
        {
            await SignHeadAsync().ConfigureAwait(false);
        }
        catch (FlowStoreException ex)
        {
            _log($"audit: could not sign the last checkpoint of the audit trail: {ex.Message}");
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        var events = new List<AuditEvent>(batch.Count);
        foreach (var item in batch)
        {
            if (item.Event is not null)
            {
                events.Add(item.Event);
            }
            else if (item.Message is MessageSeen message)
            {
                events.Add(MessageAuditEvents.Of(message, await DigestOfAsync(message).ConfigureAwait(false)));
            }
        }
        try
        {
            if (events.Count > 0)
            {
                var records = await StoreAsync(events).ConfigureAwait(false);
                _head = records[^1];
                _unsigned += records.Count;
            }
            if (_unsigned >= _options.CheckpointEvery || events.Any(e => e.Kind == AuditKinds.JobFinished) || batch.Any(p => p is { Event: null, Message: null }))
            {
                await SignHeadAsync().ConfigureAwait(false);
            }
            foreach (var item in batch)
            {
                item.Done?.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            _log($"audit: could not store {events.Count} record(s) in the audit trail: {ex.Message}");
            foreach (var item in batch)
            {
                item.Done?.TrySetException(ex);
            }
        }
    }

    private static async Task<byte[]?> DigestOfAsync(MessageSeen message)
    {
        try
        {
            return await message.Sha256.ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The payload could not be read back; the record keeps the message without its digest.
            return null;
        }
    }

    private async Task<IReadOnlyList<AuditRecord>> StoreAsync(List<AuditEvent> events)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await _store.AppendAuditAsync(events).ConfigureAwait(false);
            }
            catch (FlowStoreException ex) when (ex.Error == FlowStoreError.Unavailable && attempt < Retries.Length)
            {
                await Task.Delay(Retries[attempt]).ConfigureAwait(false);
            }
        }
    }

    private async Task SignHeadAsync()
    {
        if (_options.Certificate is null || _head is null || _head.Seq <= _signedSeq)
        {
            return;
        }
        await _store.SaveAuditCheckpointAsync(CheckpointSignature.Sign(_options.Certificate, _options.Party, _head, DateTimeOffset.UtcNow)).ConfigureAwait(false);
        _signedSeq = _head.Seq;
        _unsigned = 0;
    }

    /// <summary>Stores what is queued, signs the head, and stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
