using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Concord.Flow.Api.Access;

/// <summary>Writes each operator endpoint's roles into its OpenAPI operation, so the document says who may call what.</summary>
public static class RolesInOpenApi
{
    public static void AddTo(OpenApiOptions options) => options.AddOperationTransformer((operation, context, _) =>
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<AllowedRoles>().LastOrDefault() is AllowedRoles allowed)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[AllowedRoles.OpenApiExtension] = new JsonNodeExtension(new JsonArray([.. allowed.Roles.Select(r => (JsonNode)Governance.OperatorRoles.Name(r))]));
        }
        return Task.CompletedTask;
    });
}
