namespace Concord.Federation.Transport;

/// <summary>Why a node stopped reading a payload: it was too large, or its job or the node held too much already.</summary>
public sealed class PayloadRefusedException(PayloadRefusedException.Cause cause, string message) : Exception(message)
{
    public enum Cause
    {
        TooLarge,
        QuotaFull,
    }

    public Cause Reason => cause;
}
