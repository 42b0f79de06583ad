using Concord.Federation.Parties;

namespace Concord.ML.Horizontal;

/// <summary>Parties as they travel in JSON messages: "guest:9999", "host:10000".</summary>
public sealed record PartyRefList(string[] Names)
{
    public static PartyRefList Of(IEnumerable<PartyRef> parties) => new([.. parties.Select(p => p.ToString())]);

    public IReadOnlyList<PartyRef> ToParties() => [.. Names.Select(Parse)];

    public static PartyRef Parse(string name)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !int.TryParse(name.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            throw new FormatException($"\"{name}\" is not a party (role:id)");
        }
        return new PartyRef(RoleNames.Parse(name[..colon]), id);
    }
}
