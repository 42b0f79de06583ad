namespace Concord.Flow.Governance;

/// <summary>
/// What an operator identity may do at a node: an admin manages grants, tokens and node settings; a data
/// scientist submits and follows jobs; an auditor reads the audit trail and nothing else; an application scores
/// customers through a served deployment.
/// </summary>
public enum OperatorRole
{
    Admin,
    DataScientist,
    Auditor,

    /// <summary>An application that scores customers through a served deployment, and may do nothing else.</summary>
    Application,
}

public static class OperatorRoles
{
    public static readonly IReadOnlyList<OperatorRole> All = Enum.GetValues<OperatorRole>();

    /// <summary>The role's name on the wire, in certificates and on the command line: admin, data_scientist, auditor.</summary>
    public static string Name(this OperatorRole role) => role switch
    {
        OperatorRole.DataScientist => "data_scientist",
        _ => role.ToString().ToLowerInvariant(),
    };

    public static OperatorRole Parse(string? name)
    {
        var wanted = (name ?? throw new ArgumentException($"no operator role given; the roles are {string.Join(", ", All.Select(Name))}")).Trim().ToLowerInvariant().Replace('-', '_');
        foreach (var role in All)
        {
            if (role.Name() == wanted)
            {
                return role;
            }
        }
        throw new ArgumentException($"unknown operator role \"{name}\"; the roles are {string.Join(", ", All.Select(Name))}");
    }
}
