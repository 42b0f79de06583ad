using System.IO.Compression;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Concord.Federation.Security;
using Concord.Flow.Tests;
using Concord.Generated;
using Concord.Generated.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using ModelArchive = Concord.Flow.Store.ModelArchive;
using OperatorToken = Concord.Flow.Api.OperatorToken;

namespace Concord.Clients.Tests;

/// <summary>
/// The client Kiota generates from docs/openapi/v1.json, and nothing else, runs a federated job on real nodes:
/// submit, poll until it succeeds, read its metrics, export the guest's model and read the archive's manifest.
/// </summary>
public class GeneratedClientTests
{
    private const int Guest = SmallJob.Guest;
    private const int Host = SmallJob.Host;
    private const int Arbiter = SmallJob.Arbiter;

    [Fact]
    public async Task The_generated_client_submits_polls_reads_metrics_and_exports_the_model()
    {
        await using var nodes = await LoopbackNodes.StartAsync(SmallJob.Catalog, Guest, [Host], Arbiter);
        SmallJob.SaveTables(nodes);
        using var http = NodeHttp(nodes);
        var client = new ConcordClient(new HttpClientRequestAdapter(
            new ApiKeyAuthenticationProvider(OperatorToken.Scheme + OperatorToken.Read(nodes.Config.Party(Guest).Home!), OperatorToken.Header, ApiKeyAuthenticationProvider.KeyLocation.Header),
            httpClient: http)
        { BaseUrl = nodes.Config.Party(Guest).Address.ToString().TrimEnd('/') });

        var submitted = await client.Api.V1.Jobs.PostAsync(new SubmitJob { JobFile = SmallJob.Text });
        var jobId = submitted!.JobId!;
        var view = await client.Api.V1.Jobs[jobId].GetAsync();
        // The job's own timeout (120 s) ends it whatever happens, so this loop ends too.
        while (view!.Job!.State is TaskState.Waiting or TaskState.Running or TaskState.Pending_approval)
        {
            await Task.Delay(200);
            view = await client.Api.V1.Jobs[jobId].GetAsync();
        }
        Assert.True(view.Job.State == TaskState.Success, $"job {jobId} ended {view.Job.State}: {view.Job.Error}");
        Assert.Contains(view.Tasks!, t => t.Key!.Component == SmallJob.Model && t.Key.Party == Guest && t.State == TaskState.Success);

        var metrics = await client.Api.V1.Jobs[jobId].Metrics.GetAsync();
        var trained = Assert.Single(metrics!, m => m.Task!.Component == SmallJob.Model && m.Task.Party == Guest);
        var values = Assert.IsType<UntypedObject>(trained.Value).GetValue();
        Assert.Equal(2, Assert.IsType<UntypedInteger>(values["features"]).GetValue());
        Assert.NotEmpty(Assert.IsType<UntypedArray>(values["loss"]).GetValue());

        var models = await client.Api.V1.Models.GetAsync(request => request.QueryParameters.ModelId = $"{jobId}_{SmallJob.Model}");
        var model = Assert.Single(models!);
        await using var archive = await client.Api.V1.Models[model.ModelId!].Export.GetAsync();
        using var zip = new ZipArchive(archive!, ZipArchiveMode.Read);
        Assert.Equal(["manifest.json", "manifest.sig", "parameters.json", "signer.crt"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        await using var manifestStream = zip.GetEntry(ModelArchive.ManifestName)!.Open();
        var manifest = (await JsonNode.ParseAsync(manifestStream))!;
        Assert.Equal(ModelArchive.Format, (string?)manifest["format"]);
        Assert.Equal(model.ModelId, (string?)manifest["model"]!["modelId"]);
        Assert.Equal(Guest, (int)manifest["model"]!["party"]!);
        Assert.Equal(jobId, (string?)manifest["model"]!["jobId"]);

        var missing = await Assert.ThrowsAsync<ProblemDetails>(() => client.Api.V1.Jobs["job-nope"].GetAsync());
        Assert.Equal(404, missing.Status);
        Assert.Equal("no job job-nope", missing.Detail);
    }

    /// <summary>HTTPS to the guest's node, trusting it only as party <see cref="Guest"/> under the federation CA.</summary>
    private static HttpClient NodeHttp(LoopbackNodes nodes)
    {
        var validator = new PeerValidator(CertificateFiles.LoadPublic(nodes.Config.CaCertificate));
        return new HttpClient(new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && validator.WhyNotParty(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()), Guest) is null,
            },
        });
    }
}
