using System.Collections.Concurrent;

namespace Concord.Federation.Transport;

/// <summary>
/// The most recently ended job sessions, each with a value, up to a fixed count: enough to recognise a late
/// message for a session that just ended, without remembering every session a long-lived node ever ran.
/// </summary>
public sealed class RecentSessions<T>(int capacity)
{
    private readonly ConcurrentDictionary<string, T> _entries = new();
    private readonly ConcurrentQueue<string> _order = new();

    public void Add(string session, T value)
    {
        if (_entries.TryAdd(session, value))
        {
            _order.Enqueue(session);
            while (_order.Count > capacity && _order.TryDequeue(out var oldest))
            {
                _entries.TryRemove(oldest, out _);
            }
        }
    }

    public bool TryGet(string session, out T value) => _entries.TryGetValue(session, out value!);

    public void Remove(string session) => _entries.TryRemove(session, out _);
}
