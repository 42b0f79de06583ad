namespace Concord.Data;

/// <summary>
/// Where a party keeps its data: <c>&lt;root&gt;/party-&lt;id&gt;</c>. The root is, in order of precedence,
/// an explicit option (<c>--home</c>), the <c>CONCORD_HOME</c> environment variable, or <c>./.concord</c>.
/// The node process and the CLI both go through here so that they always agree.
/// </summary>
public static class PartyHome
{
    public const string EnvironmentVariable = "CONCORD_HOME";
    public const string DefaultRoot = ".concord";
    public const string FolderPrefix = "party-";

    /// <summary>The absolute root folder that holds every party's home.</summary>
    public static string Root(string? homeOption = null)
    {
        var root = !string.IsNullOrWhiteSpace(homeOption) ? homeOption
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnv ? fromEnv
            : DefaultRoot;
        return Path.GetFullPath(root);
    }

    /// <summary>The home folder of one party (not created here).</summary>
    public static string Of(string partyId, string root) =>
        Path.Combine(root, FolderPrefix + SafeName.Check(partyId, "party id"));

    /// <summary>The ids of the parties that already have a home under <paramref name="root"/>, sorted.</summary>
    public static IReadOnlyList<string> ExistingParties(string root)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }
        return Directory.EnumerateDirectories(root, FolderPrefix + "*")
            .Select(dir => Path.GetFileName(dir)[FolderPrefix.Length..])
            .Where(id => id.Length > 0)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The party to act for: the one given, or else the only party that has a home under the root.
    /// Guessing between several would risk writing one party's data into another's home, so that is an error.
    /// </summary>
    public static string ResolvePartyId(string? partyId, string root)
    {
        if (!string.IsNullOrWhiteSpace(partyId))
        {
            return SafeName.Check(partyId, "party id");
        }
        var existing = ExistingParties(root);
        return existing.Count switch
        {
            1 => existing[0],
            0 => throw new InvalidOperationException($"no party home under {root} yet; name the party (--party ID)"),
            _ => throw new InvalidOperationException(
                $"several parties have a home under {root} ({string.Join(", ", existing)}); name one (--party ID)"),
        };
    }
}
