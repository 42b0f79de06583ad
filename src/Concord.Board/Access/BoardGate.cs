using Microsoft.AspNetCore.Http;

namespace Concord.Board.Access;

/// <summary>
/// In front of everything under /board: sets the security headers, lets the sign-in page and the static files
/// through, and sends any other request without a live session to the sign-in page. The session it finds is set
/// on the request for the pages and actions to read.
/// </summary>
internal sealed class BoardGate(BoardSessions sessions)
{
    private const string SessionKey = "concord.board.session";

    /// <summary>Scripts and styles only from the node itself; no frame may embed a page; forms post only here.</summary>
    public const string ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (!http.Request.Path.StartsWithSegments(BoardPaths.Root))
        {
            await next(http).ConfigureAwait(false);
            return;
        }
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (http.Request.Path.StartsWithSegments(BoardPaths.Static))
        {
            await next(http).ConfigureAwait(false);
            return;
        }
        headers.CacheControl = "no-store";
        var session = sessions.Find(http.Request.Cookies[BoardSessions.CookieName]);
        if (session is null && !http.Request.Path.StartsWithSegments(BoardPaths.SignIn))
        {
            http.Response.Redirect($"{BoardPaths.SignIn}?next={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}");
            return;
        }
        if (session is not null)
        {
            http.Items[SessionKey] = session;
        }
        await next(http).ConfigureAwait(false);
    }

    /// <summary>The request's session; the gate has let no request without one reach a page but the sign-in page.</summary>
    public static BoardSession SessionOf(HttpContext http) =>
        http.Items[SessionKey] as BoardSession ?? throw new InvalidOperationException($"{http.Request.Path} ran without a board session");

    public static BoardSession? TrySessionOf(HttpContext http) => http.Items[SessionKey] as BoardSession;

    /// <summary>The session cookie: for this path only, never to scripts, never over plain HTTP, never on a cross-site request.</summary>
    public static CookieOptions CookieOptions(DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = BoardPaths.Root,
        Expires = expires,
        IsEssential = true,
    };
}
