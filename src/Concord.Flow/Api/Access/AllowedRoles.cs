using Concord.Flow.Governance;
using Microsoft.AspNetCore.Builder;

namespace Concord.Flow.Api.Access;

/// <summary>
/// The roles that may call one operator endpoint: its single declaration, read by the access check and written
/// into the OpenAPI document. An operator endpoint that lacks it is refused to everyone.
/// </summary>
public sealed record AllowedRoles(IReadOnlyList<OperatorRole> Roles)
{
    /// <summary>The OpenAPI extension that lists an operation's roles.</summary>
    public const string OpenApiExtension = "x-concord-roles";

    public override string ToString() => string.Join(", ", Roles.Select(r => r.Name()));
}

public static class AllowedRolesExtensions
{
    /// <summary>Declares which roles may call the endpoint.</summary>
    public static TBuilder Allow<TBuilder>(this TBuilder builder, params OperatorRole[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        if (roles.Length == 0)
        {
            throw new ArgumentException("an operator endpoint must allow at least one role");
        }
        return builder.WithMetadata(new AllowedRoles(roles));
    }
}
