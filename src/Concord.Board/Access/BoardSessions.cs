using System.Collections.Concurrent;
using System.Security.Cryptography;
using Concord.Flow.Api.Access;

namespace Concord.Board.Access;

/// <summary>One signed-in browser: who signed in, and until when the session lasts.</summary>
public sealed record BoardSession(string Id, OperatorIdentity Identity, DateTimeOffset Expires);

/// <summary>
/// The board's sessions, held in this node's memory: the cookie carries only a random id, so nothing in it can be
/// forged or read, and a node restart signs everyone out (they sign in again; nothing else is lost).
/// </summary>
public sealed class BoardSessions(TimeProvider time)
{
    public const string CookieName = "concord_board";

    /// <summary>How long a session lasts from sign-in.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>Sessions held at once; past it the expired ones go, then the oldest.</summary>
    private const int MaxSessions = 10_000;

    private readonly ConcurrentDictionary<string, BoardSession> _sessions = new(StringComparer.Ordinal);

    public BoardSession Open(OperatorIdentity identity)
    {
        if (_sessions.Count >= MaxSessions)
        {
            Prune();
        }
        var session = new BoardSession(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), identity, time.GetUtcNow() + Lifetime);
        _sessions[session.Id] = session;
        return session;
    }

    public BoardSession? Find(string? id)
    {
        if (id is null || !_sessions.TryGetValue(id, out var session))
        {
            return null;
        }
        if (session.Expires <= time.GetUtcNow())
        {
            _sessions.TryRemove(id, out _);
            return null;
        }
        return session;
    }

    public void Close(string id) => _sessions.TryRemove(id, out _);

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var expired in _sessions.Values.Where(s => s.Expires <= now))
        {
            _sessions.TryRemove(expired.Id, out _);
        }
        foreach (var oldest in _sessions.Values.OrderBy(s => s.Expires).Take(Math.Max(0, _sessions.Count - (MaxSessions / 2))))
        {
            _sessions.TryRemove(oldest.Id, out _);
        }
    }
}
