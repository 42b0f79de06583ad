using Microsoft.AspNetCore.Http;

namespace Concord.Flow.Api;

/// <summary>
/// Every error the operator API answers, as RFC 9457 problem details (type, title, status, detail): clients written
/// from the OpenAPI document read one shape, and <c>detail</c> is the one-line message the CLI prints.
/// </summary>
public static class ApiProblem
{
    public const string MediaType = "application/problem+json";

    public static IResult Result(int status, string detail) => Results.Problem(detail: detail, statusCode: status);

    /// <summary>For middleware that answers before any endpoint runs (the access gate).</summary>
    public static Task WriteAsync(HttpContext http, int status, string detail) => Result(status, detail).ExecuteAsync(http);
}
