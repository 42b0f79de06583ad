using Concord.Board.Views;
using Concord.Board.Views.Pages;
using Concord.Flow.Api;
using Concord.Flow.Api.Access;
using Concord.Flow.Governance;
using Concord.Flow.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Board.Access;

/// <summary>
/// Sign-in and sign-out. A sign-in takes the same credentials as the REST API (the node's operator token, an issued
/// token, or the operator certificate the TLS connection presented) for a role that may follow jobs; any other
/// attempt gets the one answer "sign-in refused", while the governance trail records why.
/// </summary>
internal static class SignInEndpoints
{
    private const string Subject = "board sign-in";

    public static void Map(RouteGroupBuilder board, NodeContext node)
    {
        board.MapGet("/sign-in", async (HttpContext http, BoardViews views, string? next) =>
            views.Page<SignInPage>(http, "", new()
            {
                ["Next"] = SafeNext(next),
                ["Certificate"] = OperatorCredentials.FromCertificate(await http.Connection.GetClientCertificateAsync(http.RequestAborted))?.Name,
            }));

        board.MapPost("/sign-in", async (HttpContext http, BoardViews views, BoardSessions sessions) =>
        {
            if (await views.RefuseForgeryAsync(http) is IResult forged)
            {
                return forged;
            }
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var next = SafeNext(form["next"]);
            var identity = form["with"] == "certificate"
                ? OperatorCredentials.FromCertificate(await http.Connection.GetClientCertificateAsync(http.RequestAborted))
                : await node.Credentials.FromTokenAsync(form["token"].ToString(), http.RequestAborted);
            var from = http.Connection.RemoteIpAddress?.ToString() ?? "an unknown address";
            if (identity is null || !OperatorApi.JobCallers.Contains(identity.Role))
            {
                var why = identity is null ? "the credential is not the node's token, an issued token or an operator certificate"
                    : $"{identity} may not follow jobs, which the board shows";
                await node.Governance.RecordAsync(new GovernanceEvent(GovernanceEvent.RequestRefused, $"{identity?.ToString() ?? "anonymous"} from {from}", Subject, why), http.RequestAborted);
                return views.Page<SignInPage>(http, "", new() { ["Next"] = next, ["Refused"] = true }, StatusCodes.Status401Unauthorized);
            }
            var session = sessions.Open(identity);
            await node.Governance.RecordAsync(new GovernanceEvent(GovernanceEvent.SignIn, $"{identity} from {from}", Subject, ""), http.RequestAborted);
            http.Response.Cookies.Append(BoardSessions.CookieName, session.Id, BoardGate.CookieOptions(session.Expires));
            return Results.Redirect(next, permanent: false, preserveMethod: false);
        });

        board.MapPost("/sign-out", async (HttpContext http, BoardViews views, BoardSessions sessions) =>
        {
            if (await views.RefuseForgeryAsync(http) is IResult forged)
            {
                return forged;
            }
            sessions.Close(BoardGate.SessionOf(http).Id);
            http.Response.Cookies.Delete(BoardSessions.CookieName, BoardGate.CookieOptions(null));
            return Results.Redirect(BoardPaths.SignIn);
        });
    }

    /// <summary>Only a page of the board itself: a link elsewhere ("//evil", "https://…") must not ride on a sign-in.</summary>
    internal static string SafeNext(string? next) =>
        next is not null && next.StartsWith(BoardPaths.Root + "/", StringComparison.Ordinal) && !next.Contains("//", StringComparison.Ordinal)
            && !next.Contains('\\', StringComparison.Ordinal) && !next.StartsWith(BoardPaths.SignIn, StringComparison.Ordinal)
            ? next
            : BoardPaths.Jobs;
}
