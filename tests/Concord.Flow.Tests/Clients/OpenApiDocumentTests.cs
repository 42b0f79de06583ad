using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Concord.Federation;
using Concord.Federation.Security;
using Concord.Flow.Api;

namespace Concord.Flow.Tests.Clients;

/// <summary>
/// The served OpenAPI document is enough to write a client: operator paths only, how to authenticate, a schema for
/// every request and answer, errors as problem details; and the checked-in copy (docs/openapi/v1.json) is the same.
/// </summary>
public class OpenApiDocumentTests
{
    private const int Guest = 9999;
    private const string RefreshVariable = "CONCORD_REFRESH_OPENAPI";
    private static readonly string[] Verbs = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task The_document_lists_only_the_operator_api_with_its_security_and_a_schema_for_every_answer()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest);
        using var api = nodes.WithToken(Guest);
        var document = JsonNode.Parse(await api.OpenApiDocumentAsync(CancellationToken.None))!;

        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal("http", (string?)schemes["operatorToken"]!["type"]);
        Assert.Equal("bearer", (string?)schemes["operatorToken"]!["scheme"]);
        Assert.Equal("mutualTLS", (string?)schemes["operatorCertificate"]!["type"]);
        var security = document["security"]!.AsArray().SelectMany(r => r!.AsObject().Select(p => p.Key)).ToList();
        Assert.Equal(["operatorToken", "operatorCertificate"], security);

        var operations = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            Assert.StartsWith(OperatorApi.Root + "/", path, StringComparison.Ordinal);
            foreach (var (verb, operation) in item!.AsObject().Where(p => Verbs.Contains(p.Key)))
            {
                var call = $"{verb.ToUpperInvariant()} {path}";
                operations++;
                var responses = operation!["responses"]!.AsObject();
                var ok = responses["200"]?["content"]?.AsObject();
                Assert.True(ok is { Count: 1 } && ok.Single().Value!["schema"] is not null, $"{call} gives its answer no schema");
                foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                {
                    var schema = response!["content"]?[ApiProblem.MediaType]?["schema"];
                    Assert.True(schema is not null, $"{call} answers {status} without a problem details schema");
                }
                Assert.True(responses.ContainsKey("401") && responses.ContainsKey("403"), $"{call} does not list the access gate's refusals");
                if (verb is "post" or "put" && operation["requestBody"] is { } body)
                {
                    Assert.True(body["content"]!.AsObject().Single().Value!["schema"] is not null, $"{call} takes a body without a schema");
                }
            }
        }
        Assert.True(operations >= 30, $"only {operations} operations in the document");

        var submit = Resolve(document, document["paths"]!["/api/v1/jobs"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!);
        Assert.Equal(["jobFile"], submit["required"]!.AsArray().Select(r => (string)r!));
        Assert.NotNull(submit["properties"]!["source"]);
        var view = Resolve(document, document["paths"]!["/api/v1/jobs/{jobId}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!);
        Assert.NotNull(view["properties"]!["job"]);
        Assert.NotNull(view["properties"]!["tasks"]);
        Assert.NotNull(document["paths"]!["/api/v1/serving/{name}/predict"]!["post"]!["requestBody"]);
        Assert.NotNull(document["paths"]!["/api/v1/models/import"]!["post"]!["requestBody"]);
    }

    [Fact]
    public async Task An_unknown_job_is_a_problem_details_404_that_names_no_file_and_the_cli_shows_its_detail()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest);
        var home = nodes.Config.Party(Guest).Home!;
        using var ca = CertificateFiles.LoadPublic(nodes.Config.CaCertificate);
        var validator = new PeerValidator(ca);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, c, _, _) => c is not null && validator.WhyNotParty(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(c.GetRawCertData()), Guest) is null },
        })
        { BaseAddress = nodes.Config.Party(Guest).Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken.Read(home));

        using var response = await http.GetAsync("/api/v1/jobs/job-nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ApiProblem.MediaType, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(404, (int)problem["status"]!);
        Assert.Equal("Not Found", (string?)problem["title"]);
        Assert.False(string.IsNullOrEmpty((string?)problem["type"]));
        Assert.Equal("no job job-nope", (string?)problem["detail"]);

        using var api = nodes.WithToken(Guest);
        var refused = await Assert.ThrowsAsync<FederationException>(() => api.GetJobAsync("job-nope", CancellationToken.None));
        Assert.EndsWith("(404): no job job-nope", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(home, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_checked_in_document_is_the_one_the_node_serves()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest);
        using var api = nodes.WithToken(Guest);
        var served = await api.OpenApiDocumentAsync(CancellationToken.None);
        var path = Path.Combine(RepositoryRoot(), "docs", "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable(RefreshVariable) == "1")
        {
            File.WriteAllText(path, JsonNode.Parse(served)!.ToJsonString(new() { WriteIndented = true }) + "\n");
        }

        Assert.True(File.Exists(path) && JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(path)), JsonNode.Parse(served)),
            $"{path} differs from the document the node serves; refresh it with: {RefreshVariable}=1 dotnet test tests/Concord.Flow.Tests -c Release --filter \"FullyQualifiedName~OpenApiDocumentTests\"");
    }

    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"] is JsonNode reference ? document["components"]!["schemas"]![((string)reference!).Split('/')[^1]]! : schema;

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Concord.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"no Concord.slnx above {AppContext.BaseDirectory}");
    }
}
