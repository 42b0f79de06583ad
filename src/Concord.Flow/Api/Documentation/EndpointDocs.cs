using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Concord.Flow.Api.Documentation;

/// <summary>A request body an endpoint reads by hand (an upload, a predict batch), declared for the OpenAPI document only.</summary>
/// <remarks>Not <c>Accepts</c>: routing would answer other content types with a 415 endpoint that carries no roles.</remarks>
public sealed record DocumentedBody(Type Type, string ContentType);

/// <summary>What an operator endpoint answers, declared beside it so the OpenAPI document gives every response a schema.</summary>
public static class EndpointDocs
{
    /// <summary>
    /// The errors any operator endpoint may answer: the access gate's 401 and 403, and the shared failure filter's
    /// 400, 404, 409, 502 and 503 (<see cref="OperatorApi"/>), each as problem details.
    /// </summary>
    private static readonly int[] CommonErrors =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
        StatusCodes.Status409Conflict, StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable,
    ];

    /// <summary>A JSON answer of type <typeparamref name="T"/>, plus the common errors and any <paramref name="errors"/>.</summary>
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder builder, params int[] errors) =>
        builder.Produces<T>(StatusCodes.Status200OK, "application/json").Fails(errors);

    /// <summary>A file answer (binary, of <paramref name="contentType"/>), plus the common errors and any <paramref name="errors"/>.</summary>
    public static RouteHandlerBuilder AnswersFile(this RouteHandlerBuilder builder, string contentType, params int[] errors) =>
        builder.Produces<Stream>(StatusCodes.Status200OK, contentType).Fails(errors);

    /// <summary>Declares the body the handler reads itself.</summary>
    public static RouteHandlerBuilder Takes<T>(this RouteHandlerBuilder builder, string contentType = "application/json") =>
        builder.WithMetadata(new DocumentedBody(typeof(T), contentType));

    private static RouteHandlerBuilder Fails(this RouteHandlerBuilder builder, int[] errors)
    {
        foreach (var status in CommonErrors.Concat(errors).Distinct())
        {
            builder.ProducesProblem(status, ApiProblem.MediaType);
        }
        return builder;
    }
}
