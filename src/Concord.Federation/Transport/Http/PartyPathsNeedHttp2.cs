using Microsoft.AspNetCore.Http;

namespace Concord.Federation.Transport.Http;

/// <summary>
/// The node listens for HTTP/1.1 too so that any operator's client can reach its API; the party-to-party paths stay
/// HTTP/2 only, because peers stream large payloads over multiplexed connections and no peer speaks anything else.
/// </summary>
public static class PartyPathsNeedHttp2
{
    /// <summary>The path roots only other parties' nodes call.</summary>
    public static readonly PathString[] Roots = ["/federation/v1", "/control/v1"];

    public static async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (!HttpProtocol.IsHttp2(http.Request.Protocol) && Roots.Any(root => http.Request.Path.StartsWithSegments(root)))
        {
            http.Response.StatusCode = StatusCodes.Status505HttpVersionNotsupported;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync($"{http.Request.Path} is for other parties' nodes and speaks HTTP/2 only, not {http.Request.Protocol}", http.RequestAborted).ConfigureAwait(false);
            return;
        }
        await next(http).ConfigureAwait(false);
    }
}
