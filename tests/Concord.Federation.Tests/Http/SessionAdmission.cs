using System.Collections.Concurrent;
using Concord.Federation.Transport;

namespace Concord.Federation.Tests.Http;

/// <summary>A node's admission as the job layer keeps it, reduced to a table the test fills: session to its parties.</summary>
internal sealed class SessionAdmission : IMessageAdmission
{
    private readonly ConcurrentDictionary<string, int[]> _running = new();
    private readonly ConcurrentDictionary<string, int[]> _ended = new();

    /// <summary>Completes the first time a message for a session not (yet) running here is refused.</summary>
    public TaskCompletionSource FirstUnknown { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SessionAdmission Run(string session, params int[] parties)
    {
        _running[session] = parties;
        return this;
    }

    public void End(string session)
    {
        _running.TryRemove(session, out var parties);
        _ended[session] = parties ?? [];
    }

    public Admission Admit(string session, int senderId)
    {
        if (_running.TryGetValue(session, out var running))
        {
            return running.Contains(senderId) ? Admission.Accept : Admission.NotAParty;
        }
        if (_ended.TryGetValue(session, out var ended))
        {
            return ended.Contains(senderId) ? Admission.Ended : Admission.NotAParty;
        }
        FirstUnknown.TrySetResult();
        return Admission.Unknown;
    }
}
