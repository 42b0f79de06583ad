namespace Concord.Flow.Jobs;

/// <summary>
/// A node's cap on tasks running at once, over all of its jobs. A task beyond the cap waits in line, first come
/// first served, and takes the slot of the next task to end; a canceled wait leaves the line without a slot.
/// </summary>
public sealed class TaskSlots
{
    private readonly object _lock = new();
    private readonly LinkedList<Waiter> _line = new();
    private int _free;

    public TaskSlots(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _free = capacity;
    }

    public int Capacity { get; }

    /// <summary>Slots in use now.</summary>
    public int InUse
    {
        get
        {
            lock (_lock)
            {
                return Capacity - _free;
            }
        }
    }

    /// <summary>A slot, held until the returned handle is disposed.</summary>
    public Task<IDisposable> TakeAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            if (ct.IsCancellationRequested)
            {
                return Task.FromCanceled<IDisposable>(ct);
            }
            if (_free > 0 && _line.Count == 0)
            {
                _free--;
                return Task.FromResult<IDisposable>(new Slot(this));
            }
            var waiter = new Waiter();
            var node = _line.AddLast(waiter);
            waiter.Registration = ct.Register(() =>
            {
                lock (_lock)
                {
                    if (node.List is not null)
                    {
                        _line.Remove(node);
                    }
                }
                waiter.Granted.TrySetCanceled(ct);
            });
            return waiter.Granted.Task;
        }
    }

    private void Release()
    {
        Waiter? next;
        lock (_lock)
        {
            next = _line.First?.Value;
            if (next is null)
            {
                _free++;
                return;
            }
            _line.RemoveFirst();
        }
        next.Registration.Dispose();
        // A cancellation racing this grant may still win; the slot then goes to the next in line, not nowhere.
        if (!next.Granted.TrySetResult(new Slot(this)))
        {
            Release();
        }
    }

    private sealed class Waiter
    {
        public TaskCompletionSource<IDisposable> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class Slot(TaskSlots owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release();
            }
        }
    }
}
