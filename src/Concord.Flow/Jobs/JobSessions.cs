using System.Collections.Concurrent;
using Concord.Federation.Transport;

namespace Concord.Flow.Jobs;

/// <summary>
/// The job sessions (attempts of jobs) this party runs, and the parties of each: the federation server holds
/// messages only for these, from their parties. When a session ends here its waiting messages are dropped at once,
/// and it is remembered a while so a peer's late message is dropped quietly instead of failing that peer.
/// </summary>
public sealed class JobSessions(Mailbox mailbox) : IMessageAdmission
{
    private const int EndedRemembered = 1024;

    private readonly ConcurrentDictionary<string, IReadOnlySet<int>> _running = new();
    private readonly RecentSessions<IReadOnlySet<int>> _ended = new(EndedRemembered);

    public void Open(string session, IEnumerable<int> parties)
    {
        _ended.Remove(session);
        mailbox.Reopen(session);
        _running[session] = parties.ToHashSet();
    }

    public void End(string session)
    {
        if (_running.TryRemove(session, out var parties))
        {
            _ended.Add(session, parties);
        }
        mailbox.Close(session);
    }

    public Admission Admit(string session, int senderId) =>
        _running.TryGetValue(session, out var running) ? (running.Contains(senderId) ? Admission.Accept : Admission.NotAParty)
        : _ended.TryGet(session, out var ended) ? (ended.Contains(senderId) ? Admission.Ended : Admission.NotAParty)
        : Admission.Unknown;
}
