using System.Threading.Channels;

namespace Concord.Flow.Serving;

/// <summary>
/// Groups concurrent requests so that one round trip to the hosts serves many: a few workers each take whatever is
/// queued (up to <c>maxBatch</c>) and hand it to <c>send</c> as one batch. Nothing waits for a batch to fill: under
/// light load a request goes alone at once; under heavy load requests queue while a round trip is out and leave
/// together. The queue is bounded, so overload is refused at once, never piled up.
/// </summary>
internal sealed class MicroBatcher<TIn, TOut> : IAsyncDisposable
{
    private readonly Channel<(TIn Item, TaskCompletionSource<TOut> Done)> _queue;
    private readonly Func<IReadOnlyList<TIn>, Task<TOut[]>> _send;
    private readonly int _maxBatch;
    private readonly Task[] _workers;
    private bool _closed;

    public MicroBatcher(Func<IReadOnlyList<TIn>, Task<TOut[]>> send, int maxBatch, int workers, int capacity)
    {
        _send = send;
        _maxBatch = maxBatch;
        _queue = Channel.CreateBounded<(TIn, TaskCompletionSource<TOut>)>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });
        Capacity = capacity;
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync))];
    }

    public int Capacity { get; }

    /// <summary>Whether the batcher takes no more items (it is draining or drained).</summary>
    public bool IsClosed => Volatile.Read(ref _closed);

    /// <summary>Queues one item; false when the queue is full or the batcher is closing.</summary>
    public bool TrySubmit(TIn item, out Task<TOut> result)
    {
        var done = new TaskCompletionSource<TOut>(TaskCreationOptions.RunContinuationsAsynchronously);
        result = done.Task;
        return _queue.Writer.TryWrite((item, done));
    }

    private async Task WorkAsync()
    {
        var batch = new List<(TIn Item, TaskCompletionSource<TOut> Done)>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            if (batch.Count == 0)
            {
                continue;
            }
            try
            {
                var results = await _send([.. batch.Select(b => b.Item)]).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (var (_, done) in batch)
                {
                    done.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>Takes no more items, answers those already queued, then returns: a swapped-out deployment drains this way.</summary>
    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _closed, true);
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers).ConfigureAwait(false);
    }
}
