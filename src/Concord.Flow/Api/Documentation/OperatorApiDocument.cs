using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Concord.Flow.Api.Access;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Concord.Flow.Api.Documentation;

/// <summary>
/// The public OpenAPI document at <c>/openapi/v1.json</c>: the operator API only (the party-to-party endpoints are
/// no client's business), how a caller authenticates, each operation's roles, and every body's schema. A checked-in
/// copy lives at <c>docs/openapi/v1.json</c>, from which the generated-client test builds its client.
/// </summary>
public static class OperatorApiDocument
{
    public const string TokenScheme = "operatorToken";
    public const string CertificateScheme = "operatorCertificate";

    public static void AddTo(IServiceCollection services)
    {
        // The schemas are read from these options; the handlers write with ControlJson.Options, which match them.
        // Numbers strictly: the web defaults also read them from strings, which would type every integer as "integer or string".
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddOpenApi(Configure);
    }

    private static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => ("/" + description.RelativePath).StartsWith(OperatorApi.Root + "/", StringComparison.Ordinal);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Concord operator API",
                Version = "v1",
                Description = "A party's node: jobs, models, audit, governance, deployments and serving. Every error is RFC 9457 problem details.",
            };
            // The address a client reaches the node at is its own business; a document that names none stays the same on every node.
            document.Servers = [];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [TokenScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The node's operator token (operator.token in the party's home), or a token an admin issued.",
                },
                [CertificateScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.MutualTLS,
                    Description = "An operator certificate issued by the federation CA (concord cert issue-operator).",
                },
            };
            document.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(TokenScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CertificateScheme, document)] = [] },
            ];
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, ct) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<AllowedRoles>().LastOrDefault() is AllowedRoles allowed)
            {
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions[AllowedRoles.OpenApiExtension] = new JsonNodeExtension(new JsonArray([.. allowed.Roles.Select(r => (JsonNode)Governance.OperatorRoles.Name(r))]));
            }
            if (metadata.OfType<DocumentedBody>().LastOrDefault() is DocumentedBody body)
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { [body.ContentType] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct) } },
                };
            }
        });
    }
}
