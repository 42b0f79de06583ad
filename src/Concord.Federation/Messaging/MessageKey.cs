using Concord.Federation.Parties;

namespace Concord.Federation.Messaging;

/// <summary>
/// The identity of one message: a resend with the same key is the same message and is delivered once.
/// <paramref name="Scope"/> is the component and iteration path, e.g. "statistics/round-3".
/// </summary>
public readonly record struct MessageKey(string JobId, string Scope, string Tag, PartyRef From, PartyRef To)
{
    public override string ToString() => $"{JobId}/{Scope}/{Tag} {From} -> {To}";
}
