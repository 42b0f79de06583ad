using Concord.Federation.Security;
using Microsoft.AspNetCore.Http;

namespace Concord.Flow.Control;

/// <summary>Who is calling a control endpoint, as its (already CA-validated) client certificate says.</summary>
internal sealed record Caller(int? PartyId, bool IsOperator)
{
    public static async Task<Caller> OfAsync(HttpContext http)
    {
        var certificate = await http.Connection.GetClientCertificateAsync(http.RequestAborted).ConfigureAwait(false);
        return certificate is null
            ? new Caller(null, false)
            : new Caller(PartyIdentity.PartyIdOf(certificate), PartyIdentity.IsOperator(certificate));
    }
}
