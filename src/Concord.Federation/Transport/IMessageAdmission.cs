namespace Concord.Federation.Transport;

/// <summary>What a node says to a message for a job session, before it reads a byte of the payload.</summary>
public enum Admission
{
    /// <summary>The session runs here and the sender takes part in it: hold the message for its receiver.</summary>
    Accept,

    /// <summary>The session has ended here: nobody will read the message, so drop it without reading it.</summary>
    Ended,

    /// <summary>No such session here, or not yet: its start may still be on its way, so the sender may retry.</summary>
    Unknown,

    /// <summary>The session runs here, but the sender has no part in it.</summary>
    NotAParty,
}

/// <summary>
/// Which messages a node holds: only those of job sessions it runs, from their parties. The job layer above
/// the transport knows both; it supplies this, so a peer cannot make a node hold bytes for jobs it invented.
/// </summary>
public interface IMessageAdmission
{
    /// <summary><paramref name="session"/> is the message key's job id (one attempt of a job).</summary>
    Admission Admit(string session, int senderId);
}

/// <summary>Admits every message: for transport tests and benchmarks, which run no jobs.</summary>
public sealed class AdmitAll : IMessageAdmission
{
    public static AdmitAll Instance { get; } = new();

    public Admission Admit(string session, int senderId) => Admission.Accept;
}
