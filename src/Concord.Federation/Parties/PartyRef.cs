namespace Concord.Federation.Parties;

/// <summary>
/// One party acting in one role. FATE lets a party id act in several roles (a guest can also be the arbiter),
/// so the role is part of the identity of a message's end.
/// </summary>
public readonly record struct PartyRef(Role Role, int Id)
{
    public override string ToString() => $"{Role.ToWire()}:{Id}";

    public static PartyRef Guest(int id) => new(Role.Guest, id);

    public static PartyRef Host(int id) => new(Role.Host, id);

    public static PartyRef Arbiter(int id) => new(Role.Arbiter, id);

    /// <summary>The inverse of <see cref="ToString"/>: "guest:9999" → the guest 9999.</summary>
    public static PartyRef Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            throw new FormatException($"\"{text}\" is not a party (role:id, e.g. host:10000)");
        }
        return new PartyRef(RoleNames.Parse(text[..colon]), id);
    }
}
