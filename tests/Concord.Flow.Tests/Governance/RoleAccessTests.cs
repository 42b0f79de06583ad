using System.Net;
using System.Text.Json.Nodes;
using Concord.Federation;
using Concord.Federation.Security;
using Concord.Flow.Api;
using Concord.Flow.Api.Access;
using Concord.Flow.Governance;

namespace Concord.Flow.Tests.Governance;

/// <summary>Operator roles: every endpoint declares who may call it, and refuses everyone else.</summary>
public class RoleAccessTests
{
    private const int Guest = 9999;
    private const int Host = 10000;

    [Fact]
    public async Task The_openapi_document_leaves_no_endpoint_open_and_every_role_is_refused_where_it_may_not_call()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest, Host);
        using var admin = nodes.WithToken(Guest);
        var callers = new Dictionary<OperatorRole, OperatorClient> { [OperatorRole.Admin] = admin };
        foreach (var role in new[] { OperatorRole.DataScientist, OperatorRole.Auditor })
        {
            var issued = await admin.IssueTokenAsync($"test {role.Name()}", role, CancellationToken.None);
            callers[role] = Token(nodes, issued.Secret);
        }
        using var anonymous = Token(nodes, null);
        using var party = nodes.AsPartyApi(Host, Guest);
        var document = JsonNode.Parse(await admin.OpenApiDocumentAsync(CancellationToken.None))!;

        var checkedOperations = 0;
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            var probe = path.Replace("{jobId}", "job-probe", StringComparison.Ordinal).Replace("{modelId}", "model-probe", StringComparison.Ordinal)
                .Replace("{id}", "id-probe", StringComparison.Ordinal)
                .Replace("{component}", "component-probe", StringComparison.Ordinal)
                .Replace("{name}", "setting-probe", StringComparison.Ordinal);
            Assert.DoesNotContain("{", probe, StringComparison.Ordinal);
            foreach (var (verb, operation) in operations!.AsObject())
            {
                var method = new HttpMethod(verb.ToUpperInvariant());
                var call = $"{method} {path}";
                if (path == Control.ControlPaths.Health)
                {
                    continue;
                }
                Assert.True(await anonymous.ProbeAsync(method, probe, CancellationToken.None) is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{call} is open to anonymous callers");
                if (!path.StartsWith(OperatorApi.Root, StringComparison.Ordinal))
                {
                    continue;
                }
                Assert.Equal(HttpStatusCode.Unauthorized, await party.ProbeAsync(method, probe, CancellationToken.None));
                var roles = operation!["x-concord-roles"]?.AsArray().Select(r => OperatorRoles.Parse(r!.GetValue<string>())).ToList();
                Assert.True(roles is { Count: > 0 }, $"{call} declares no roles");
                foreach (var (role, client) in callers)
                {
                    var status = await client.ProbeAsync(method, probe, CancellationToken.None);
                    if (roles.Contains(role))
                    {
                        Assert.True(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)status < 500, $"{call} answered {role.Name()} with {(int)status}");
                    }
                    else
                    {
                        Assert.True(status == HttpStatusCode.Forbidden, $"{call} answered {role.Name()}, whom it does not allow, with {(int)status}");
                    }
                }
                checkedOperations++;
            }
        }
        Assert.True(checkedOperations >= 20, $"only {checkedOperations} operator operations were found in the document");
    }

    [Fact]
    public async Task An_auditor_cannot_submit_and_a_data_scientist_cannot_grant_each_told_why()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest, Host);
        using var admin = nodes.WithToken(Guest);
        using var auditor = Token(nodes, (await admin.IssueTokenAsync("carol", OperatorRole.Auditor, CancellationToken.None)).Secret);
        using var scientist = Token(nodes, (await admin.IssueTokenAsync("dave", OperatorRole.DataScientist, CancellationToken.None)).Secret);

        var submit = await Assert.ThrowsAsync<FederationException>(() => auditor.SubmitAsync("job: {}", "x.yaml", CancellationToken.None));
        var grant = await Assert.ThrowsAsync<FederationException>(() => scientist.AddGrantAsync(new NewGrant("test", "rows", [Host], ["psi"]), CancellationToken.None));

        Assert.Contains("token carol (auditor) may not call POST /api/v1/jobs: it is for admin, data_scientist", submit.Message, StringComparison.Ordinal);
        Assert.Contains("token dave (data_scientist) may not call POST /api/v1/grants: it is for admin", grant.Message, StringComparison.Ordinal);
        Assert.Empty(await admin.ListGrantsAsync(true, CancellationToken.None));
        Assert.Empty(await admin.ListJobsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_role_in_an_operator_certificate_limits_it_and_certificates_without_one_stay_admins()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest, Host);
        using var ca = CertificateAuthority.Load(FederationCertificates.CaCertificate(nodes.CertFolder), FederationCertificates.CaKey(nodes.CertFolder));
        using var auditorCertificate = ca.IssueOperator("erin", OperatorRole.Auditor.Name(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        using var auditor = new OperatorClient(nodes.Config.Party(Guest).Address, Guest, CertificateFiles.LoadPublic(nodes.Config.CaCertificate), auditorCertificate);
        using var legacy = nodes.Operator(Guest);
        using var nodeToken = nodes.WithToken(Guest);

        var me = await auditor.WhoAmIAsync(CancellationToken.None);
        Assert.Equal(("operator certificate erin", "auditor"), (me.Name, me.Role));
        var ex = await Assert.ThrowsAsync<FederationException>(() => auditor.ListJobsAsync(CancellationToken.None));
        Assert.Contains("(403)", ex.Message, StringComparison.Ordinal);
        Assert.Equal("admin", (await legacy.WhoAmIAsync(CancellationToken.None)).Role);
        Assert.Equal("admin", (await nodeToken.WhoAmIAsync(CancellationToken.None)).Role);
    }

    [Fact]
    public async Task An_issued_token_is_stored_only_as_its_digest_and_stops_working_once_revoked()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest, Host);
        using var admin = nodes.WithToken(Guest);
        var issued = await admin.IssueTokenAsync("frank", OperatorRole.DataScientist, CancellationToken.None);
        using var frank = Token(nodes, issued.Secret);
        Assert.Equal("data_scientist", (await frank.WhoAmIAsync(CancellationToken.None)).Role);

        // The database and its write-ahead log, where a fresh row may still be.
        var stored = string.Concat(Directory.GetFiles(nodes.Config.Party(Guest).Home!, "flow.db*").Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.DoesNotContain(issued.Secret, stored, StringComparison.Ordinal);
        Assert.Contains(IssuedTokens.Digest(issued.Secret), stored, StringComparison.Ordinal);

        Assert.True(await admin.RevokeTokenAsync(issued.Record.TokenId, CancellationToken.None));
        var ex = await Assert.ThrowsAsync<FederationException>(() => frank.WhoAmIAsync(CancellationToken.None));
        Assert.Contains("(401)", ex.Message, StringComparison.Ordinal);
    }

    private static OperatorClient Token(LoopbackNodes nodes, string? token) =>
        new(nodes.Config.Party(Guest).Address, Guest, CertificateFiles.LoadPublic(nodes.Config.CaCertificate), token: token);
}
