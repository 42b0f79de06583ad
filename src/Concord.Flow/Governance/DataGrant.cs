using Concord.Data;

namespace Concord.Flow.Governance;

/// <summary>
/// A data owner's permission to use one of its tables in jobs initiated by other parties.
/// </summary>
/// <param name="Parties">The initiating parties the grant is for.</param>
/// <param name="Components">The component types that may touch the table ("*" for any).</param>
/// <param name="Until">When the grant lapses; null for never.</param>
/// <param name="Once">The grant serves one job only: the first job admitted under it binds it (<paramref name="JobId"/>).</param>
/// <param name="JobId">The one job the grant serves, or null while a once-grant is unbound or for a standing grant.</param>
public sealed record DataGrant(
    string GrantId,
    TableName Table,
    IReadOnlyList<int> Parties,
    IReadOnlyList<string> Components,
    DateTimeOffset? Until,
    bool Once,
    string? JobId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt)
{
    public const string AnyComponent = "*";

    /// <summary>
    /// Whether the grant lets <paramref name="initiator"/>'s job <paramref name="jobId"/> run <paramref name="componentType"/>
    /// on the table at <paramref name="now"/>; a null type (a reader, which only loads the table) is covered by a grant of any type.
    /// </summary>
    public bool Covers(int initiator, string? componentType, string jobId, DateTimeOffset now) =>
        RevokedAt is null
        && (Until is null || now < Until)
        && Parties.Contains(initiator)
        && (componentType is null || Components.Contains(AnyComponent) || Components.Contains(componentType))
        && (JobId is null || JobId == jobId);

    public override string ToString() =>
        $"grant {GrantId} on {Table} to part{(Parties.Count == 1 ? "y" : "ies")} {string.Join(", ", Parties)} for {string.Join(", ", Components)}"
        + (Until is { } until ? $" until {until:yyyy-MM-dd HH:mm:ss}Z" : "")
        + (JobId is not null ? $" for job {JobId} only" : Once ? " for one job" : "")
        + (RevokedAt is { } revoked ? $" (revoked {revoked:yyyy-MM-dd HH:mm:ss}Z)" : "");
}

/// <summary>What an admin asks for when granting a table.</summary>
public sealed record NewGrant(
    string Namespace,
    string Name,
    IReadOnlyList<int> Parties,
    IReadOnlyList<string> Components,
    DateTimeOffset? Until = null,
    bool Once = false,
    string? JobId = null)
{
    /// <summary>Refuses a grant that could never match anything, naming the field.</summary>
    public TableName Validate(DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(Namespace) || string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("the grant names no table: give its namespace and name");
        }
        var table = new TableName(Namespace, Name);
        if (Parties is not { Count: > 0 })
        {
            throw new ArgumentException($"the grant on {table} names no party: give the initiating parties it is for");
        }
        if (Components is not { Count: > 0 } || Components.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"the grant on {table} names no component type: give the types (e.g. psi, hetero_lr) or {DataGrant.AnyComponent}");
        }
        if (Until is { } until && until <= now)
        {
            throw new ArgumentException($"the grant on {table} would end at {until:yyyy-MM-dd HH:mm:ss}Z, which has passed");
        }
        return table;
    }
}
