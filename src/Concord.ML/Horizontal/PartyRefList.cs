using Concord.Federation.Parties;

namespace Concord.ML.Horizontal;

/// <summary>Parties as they travel in JSON messages: "guest:9999", "host:10000".</summary>
public sealed record PartyRefList(string[] Names)
{
    public static PartyRefList Of(IEnumerable<PartyRef> parties) => new([.. parties.Select(p => p.ToString())]);

    public IReadOnlyList<PartyRef> ToParties() => [.. Names.Select(PartyRef.Parse)];
}
