using Concord.Flow.Api;
using Concord.Flow.Api.Access;
using Concord.Flow.Api.Documentation;
using Concord.Flow.Control;
using Concord.Flow.Governance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Flow.Serving;

/// <summary>One customer to score: an id and the guest's feature values (null where the model accepts a missing value).</summary>
public sealed record PredictRow(string Id, Dictionary<string, double?> Features);

/// <summary>
/// A predict request as the OpenAPI document shows it: one row (<c>id</c> and <c>features</c>) or many (<c>rows</c>).
/// <see cref="PredictBody"/> reads the body itself, to name the row and field of each refusal.
/// </summary>
public sealed record PredictRequest(string? Id = null, Dictionary<string, double?>? Features = null, IReadOnlyList<PredictRow>? Rows = null);

/// <summary>A predict answer for one row: the customer's id and each prediction column's value.</summary>
public sealed record RowPrediction(string Id, Dictionary<string, double> Scores);

/// <summary>A predict answer, for the one-row form and the rows form alike: the deployment version that scored it and one prediction per row, in request order.</summary>
public sealed record PredictAnswer(string Deployment, int Version, IReadOnlyList<RowPrediction> Rows);

/// <summary>
/// Serving on a node. For operators (and, for predict only, application tokens): deploy, list, undeploy and predict
/// under /api/v1/serving. For the guest's node, over mutual TLS: a host's load, ask and unload.
/// </summary>
internal static class ServingEndpoints
{
    /// <summary>Who may deploy and undeploy: those who run jobs. Predict also takes an application's token.</summary>
    private static readonly OperatorRole[] Deployers = OperatorApi.JobRoles;

    public static void MapApi(RouteGroupBuilder api, GuestServing guest)
    {
        api.MapPost("/serving", async (ServingDeploy request, CancellationToken ct) =>
            Results.Json(await guest.DeployAsync(request, ct), ControlJson.Options))
            .WithName("DeployServing").Allow(Deployers).Answers<DeploymentView>();

        api.MapGet("/serving", () => Results.Json(guest.List(), ControlJson.Options))
            .WithName("ListServing").Allow(Deployers).Answers<List<DeploymentView>>();

        api.MapDelete("/serving/{name}", async (string name, CancellationToken ct) =>
            await guest.UndeployAsync(name, ct) ? Results.Json(true) : ApiProblem.Result(StatusCodes.Status404NotFound, $"no deployment \"{name}\" is served here"))
            .WithName("UndeployServing").Allow(Deployers).Answers<bool>();

        api.MapPost("/serving/{name}/predict", (HttpContext http, string name) => PredictAsync(http, guest, name))
            .WithName("PredictServing").Allow([.. Deployers, OperatorRole.Application]).Takes<PredictRequest>()
            .Answers<PredictAnswer>(StatusCodes.Status413PayloadTooLarge);
    }

    private static async Task<IResult> PredictAsync(HttpContext http, GuestServing guest, string name)
    {
        try
        {
            _ = guest.Live(name);
            using var body = new MemoryStream();
            if (!await BoundedBody.CopyAtMostAsync(http.Request, body, guest.Limits.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false))
            {
                throw new ServingException(413, $"the body is over {guest.Limits.MaxBodyBytes} bytes");
            }
            // The version is taken once, after the body is in: a re-deploy does not split a request's rows between versions.
            var deployment = guest.Live(name);
            var rows = PredictBody.Read(body.GetBuffer().AsMemory(0, (int)body.Length), deployment.Scorer, guest.Limits);
            var scores = await Task.WhenAll(rows.Select(deployment.SubmitAsync)).ConfigureAwait(false);
            if (scores.FirstOrDefault(s => s.Error is not null)?.Error is ServingException failed)
            {
                throw failed;
            }
            var outputs = deployment.View.Outputs;
            var predictions = rows.Select((row, i) => new RowPrediction(row.Id, outputs.Select((o, k) => (o, k)).ToDictionary(p => p.o, p => scores[i].Scores![p.k]))).ToList();
            return Results.Json(new PredictAnswer(name, deployment.View.Version, predictions), ControlJson.Options);
        }
        catch (ServingException ex)
        {
            return ApiProblem.Result(ex.Status, ex.Message);
        }
    }

    /// <summary>The endpoints the guest's node calls at a host; each needs a party certificate, and only the deploying guest is answered.</summary>
    public static void MapControl(WebApplication app, HostServing host, int self, Action<string, byte[]>? delivered)
    {
        app.MapPost(ControlPaths.ServingLoadRoute, (HttpContext http, string name) => AsPartyAsync(http, self, async caller =>
        {
            var load = await ReadAsync<HostLoad>(http, 64 * 1024, delivered);
            if (load.Name != name)
            {
                throw new ServingException(400, $"the path names deployment {name} but the body {load.Name}");
            }
            return Results.Json(await host.LoadAsync(load, caller, http.RequestAborted), ControlJson.Options);
        }));

        app.MapPost(ControlPaths.ServingAskRoute, (HttpContext http, string name) => AsPartyAsync(http, self, async caller =>
            Results.Json(host.Answer(name, await ReadAsync<HostAsk>(http, HostServing.MaxIds * (PredictBody.MaxIdLength + 8L) * 2, delivered), caller), ControlJson.Options)));

        app.MapPost(ControlPaths.ServingUnloadRoute, (HttpContext http, string name) => AsPartyAsync(http, self, caller =>
        {
            delivered?.Invoke(http.Request.Path, []);
            return Task.FromResult(Results.Json(host.Unload(name, caller)));
        }));
    }

    private static async Task<IResult> AsPartyAsync(HttpContext http, int self, Func<int, Task<IResult>> handle)
    {
        if ((await Caller.OfAsync(http)).PartyId is not int caller)
        {
            return Results.Text("serving between nodes needs a party's certificate", statusCode: StatusCodes.Status403Forbidden);
        }
        try
        {
            return await handle(caller);
        }
        catch (ServingException ex)
        {
            return Results.Text(ex.Message, statusCode: ex.Status);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or IOException or Store.FlowStoreException or Data.TableNotFoundException or Data.DataFormatException)
        {
            return Results.Text($"party {self}: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>The body as a <typeparamref name="T"/>, a 413 when over <paramref name="limit"/>; what was delivered is recorded first.</summary>
    private static async Task<T> ReadAsync<T>(HttpContext http, long limit, Action<string, byte[]>? delivered)
        where T : class =>
        await BoundedBody.ReadJsonAsync<T>(http.Request, limit, $"a {typeof(T).Name}", http.RequestAborted, delivered is null ? null : bytes => delivered(http.Request.Path, bytes))
        ?? throw new ServingException(413, $"the body is over {limit} bytes");
}
