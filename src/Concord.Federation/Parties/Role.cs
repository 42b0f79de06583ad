namespace Concord.Federation.Parties;

/// <summary>The roles of FATE's vertical and horizontal protocols.</summary>
public enum Role
{
    Guest,
    Host,
    Arbiter,
}

public static class RoleNames
{
    public static string ToWire(this Role role) => role switch
    {
        Role.Guest => "guest",
        Role.Host => "host",
        Role.Arbiter => "arbiter",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static Role Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "guest" => Role.Guest,
        "host" => Role.Host,
        "arbiter" => Role.Arbiter,
        _ => throw new FormatException($"unknown role \"{text}\": expected guest, host or arbiter"),
    };
}
