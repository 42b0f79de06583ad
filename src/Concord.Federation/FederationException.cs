using Concord.Federation.Parties;

namespace Concord.Federation;

/// <summary>A federation failure whose message names the party concerned; safe to show a user as is.</summary>
public class FederationException : Exception
{
    public FederationException(string message, PartyRef? party = null, Exception? inner = null)
        : base(message, inner)
    {
        Party = party;
    }

    public PartyRef? Party { get; }
}

/// <summary>A peer that could not be reached within the retry budget.</summary>
public sealed class PeerUnreachableException(string message, PartyRef party, Exception? inner = null)
    : FederationException(message, party, inner);

/// <summary>A wait for a peer's message that ran past its configured timeout.</summary>
public sealed class FederationTimeoutException(string message, PartyRef party)
    : FederationException(message, party);
