using System.Collections.Concurrent;
using Concord.Flow.Audit;
using Concord.Flow.Control;
using Microsoft.AspNetCore.Http;

namespace Concord.Flow.Api;

/// <summary>
/// The operator API's sign-ins and refusals in the audit trail. A sign-in is recorded once per connection, not per
/// request, so a CLI following a job (a request every quarter second, over one HTTP/2 connection) adds one record.
/// </summary>
internal sealed class OperatorSignIns(IAuditLog audit)
{
    // Bounds what a flood of connections can make the node remember; forgetting only repeats a sign-in record.
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, byte> _signedIn = new(StringComparer.Ordinal);

    public void Accepted(HttpContext http, string credential)
    {
        if (_signedIn.ContainsKey(http.Connection.Id))
        {
            return;
        }
        if (_signedIn.Count >= MaxRemembered)
        {
            _signedIn.Clear();
        }
        if (_signedIn.TryAdd(http.Connection.Id, 0))
        {
            audit.AppendInBackground(new AuditEvent(AuditKinds.SignIn, "operator API") { Actor = $"{credential} from {Remote(http)}" });
        }
    }

    public void Refused(HttpContext http, Caller caller) =>
        audit.AppendInBackground(new AuditEvent(AuditKinds.Refused, $"{http.Request.Method} {http.Request.Path}")
        {
            Actor = $"{(caller.PartyId is int party ? $"party {party}'s certificate" : "no operator credential")} from {Remote(http)}",
            Detail = "the operator API needs the operator certificate or the node's operator token",
        });

    private static string Remote(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "an unknown address";
}
