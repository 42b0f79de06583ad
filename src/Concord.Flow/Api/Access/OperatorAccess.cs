using System.Security.Cryptography;
using System.Text;
using Concord.Federation.Security;
using Concord.Flow.Governance;
using Microsoft.AspNetCore.Http;

namespace Concord.Flow.Api.Access;

/// <summary>
/// The gate in front of every operator endpoint: it recognises the caller (an operator certificate, whose role is
/// in the certificate or admin when it names none; the node's own operator token, which is admin; or a token an
/// admin issued) and lets the request through only to an endpoint that declares the caller's role. It runs before
/// the endpoint reads its parameters, so an unauthorised caller learns nothing from validation errors.
/// </summary>
internal sealed class OperatorAccess(OperatorCredentials credentials, IGovernanceEvents events)
{
    private const int MaxRemembered = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _signedIn = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var endpoint = http.GetEndpoint();
        if (!http.Request.Path.StartsWithSegments(OperatorApi.Root) || endpoint is null)
        {
            await next(http).ConfigureAwait(false);
            return;
        }
        var call = $"{http.Request.Method} {http.Request.Path}";
        var identity = await IdentifyAsync(http).ConfigureAwait(false);
        if (identity is null)
        {
            var certificate = await http.Connection.GetClientCertificateAsync(http.RequestAborted).ConfigureAwait(false);
            var who = certificate is not null && PartyIdentity.PartyIdOf(certificate) is int party ? $"party {party}'s certificate" : "anonymous";
            await RefuseAsync(http, who, call, StatusCodes.Status401Unauthorized,
                "the operator API needs the operator certificate or the node's operator token (or a token an admin issued)").ConfigureAwait(false);
            return;
        }
        var allowed = endpoint.Metadata.GetMetadata<AllowedRoles>();
        if (allowed is null || !allowed.Roles.Contains(identity.Role))
        {
            var reason = allowed is null
                ? $"{call} declares no roles, so no one may call it"
                : $"{identity} may not call {call}: it is for {allowed}";
            await RefuseAsync(http, identity.ToString(), call, StatusCodes.Status403Forbidden, reason).ConfigureAwait(false);
            return;
        }
        identity.AttachTo(http);
        if (FirstOnConnection(http))
        {
            await events.RecordAsync(new GovernanceEvent(GovernanceEvent.SignIn, $"{identity} from {Remote(http)}", call, ""), http.RequestAborted).ConfigureAwait(false);
        }
        await next(http).ConfigureAwait(false);
    }

    private async Task<OperatorIdentity?> IdentifyAsync(HttpContext http)
    {
        var certificate = await http.Connection.GetClientCertificateAsync(http.RequestAborted).ConfigureAwait(false);
        if (certificate is not null && PartyIdentity.IsOperator(certificate))
        {
            return OperatorCredentials.FromCertificate(certificate);
        }
        string? header = http.Request.Headers[OperatorToken.Header];
        if (header is null || !header.StartsWith(OperatorToken.Scheme, StringComparison.Ordinal))
        {
            return null;
        }
        return await credentials.FromTokenAsync(header[OperatorToken.Scheme.Length..], http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether this request is the first of its connection: a sign-in is recorded once per connection, however many
    /// requests it carries. The set is bounded; forgetting only records a sign-in again.
    /// </summary>
    private bool FirstOnConnection(HttpContext http)
    {
        if (_signedIn.Count >= MaxRemembered)
        {
            _signedIn.Clear();
        }
        return _signedIn.TryAdd(http.Connection.Id, 0);
    }

    private static string Remote(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "an unknown address";

    private async Task RefuseAsync(HttpContext http, string actor, string call, int status, string reason)
    {
        await events.RecordAsync(new GovernanceEvent(GovernanceEvent.RequestRefused, $"{actor} from {Remote(http)}", call, reason), http.RequestAborted).ConfigureAwait(false);
        await ApiProblem.WriteAsync(http, status, reason).ConfigureAwait(false);
    }
}

/// <summary>Tokens an admin issues: random secrets, of which the store keeps only the digest.</summary>
public static class IssuedTokens
{
    public static string NewSecret() => "cnc_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Digest(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
