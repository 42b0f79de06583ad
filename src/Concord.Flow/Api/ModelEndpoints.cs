using System.Security.Cryptography.X509Certificates;
using Concord.Flow.Api.Access;
using Concord.Flow.Api.Documentation;
using Concord.Flow.Audit;
using Concord.Flow.Control;
using Concord.Flow.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Flow.Api;

/// <summary>
/// The model registry in the operator API: list, export (an archive signed with this party's certificate) and
/// import (an archive verified against the federation CA, for this party only).
/// </summary>
internal static class ModelEndpoints
{
    private const string Upload = "the uploaded model";

    public static void Map(RouteGroupBuilder api, IFlowStore store, X509Certificate2 signer, ModelTrust trust, IAuditLog audit)
    {
        api.MapGet("/models", async (string? modelId, CancellationToken ct) =>
            Results.Json(await store.ListModelsAsync(modelId, ct), ControlJson.Options))
            .WithName("ListModels").Allow(OperatorApi.JobRoles).Answers<List<ModelInfo>>();

        api.MapGet("/models/{modelId}/export", async (HttpContext http, string modelId, int? version, CancellationToken ct) =>
        {
            var (info, archive) = await new ModelExport(store, signer, audit).ExportAsync(modelId, version, OperatorIdentity.Of(http).ToString(), ct);
            return Results.File(archive, ModelArchive.MediaType, ModelArchive.FileName(info));
        }).WithName("ExportModel").Allow(OperatorApi.JobRoles).AnswersFile(ModelArchive.MediaType);

        api.MapPost("/models/import", async (HttpRequest request, CancellationToken ct) =>
        {
            await using var body = new FileStream(Path.Combine(Path.GetTempPath(), $"concord-upload-{Guid.NewGuid():N}.zip"), FileMode.CreateNew,
                FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            if (!await BoundedBody.CopyAtMostAsync(request, body, trust.MaxArchiveBytes, ct))
            {
                return TooLarge(trust);
            }
            body.Position = 0;
            try
            {
                var model = await store.ImportModelAsync(ModelArchive.Read(body, Upload, trust), Upload, ct);
                await audit.AppendAsync(ModelAuditEvents.Imported(model, OperatorIdentity.Of(request.HttpContext).ToString(), "the operator API"), ct);
                return Results.Json(model, ControlJson.Options);
            }
            catch (FlowStoreException ex) when (ex.Error == FlowStoreError.CorruptFile)
            {
                return ApiProblem.Result(StatusCodes.Status400BadRequest, ex.Message);
            }
        }).WithName("ImportModel").Allow(OperatorApi.JobRoles).Takes<Stream>(ModelArchive.MediaType).Answers<ModelInfo>(StatusCodes.Status413PayloadTooLarge);
        // Takes, not Accepts(zip): routing would answer any other content type with a 415 endpoint that carries no
        // roles, so the access check would refuse it as undeclared; the body is read as an archive whatever its label.
    }

    private static IResult TooLarge(ModelTrust trust) =>
        ApiProblem.Result(StatusCodes.Status413PayloadTooLarge, $"{Upload} is over the limit of {trust.MaxArchiveBytes} bytes");
}
