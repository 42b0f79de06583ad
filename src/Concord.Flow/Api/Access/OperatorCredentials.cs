using System.Security.Cryptography.X509Certificates;
using Concord.Federation.Security;
using Concord.Flow.Governance;

namespace Concord.Flow.Api.Access;

/// <summary>
/// Who a credential belongs to: an operator certificate (its role, or admin when it names none), the node's own
/// operator token (admin), or a token an admin issued (its role). The REST API's gate and the board's sign-in both
/// ask here, so the two accept exactly the same credentials.
/// </summary>
public sealed class OperatorCredentials(string nodeToken, IGovernanceStore store)
{
    /// <summary>The identity of an operator certificate; null for a party's certificate or an unknown role.</summary>
    public static OperatorIdentity? FromCertificate(X509Certificate2? certificate)
    {
        if (certificate is null || !PartyIdentity.IsOperator(certificate))
        {
            return null;
        }
        var name = $"operator certificate {certificate.GetNameInfo(X509NameType.SimpleName, false)}";
        return PartyIdentity.OperatorRoleOf(certificate) is not string role ? new OperatorIdentity(name, OperatorRole.Admin)
            : TryRole(role) is OperatorRole r ? new OperatorIdentity(name, r)
            : null;
    }

    /// <summary>The identity of a bare token secret (no "Bearer " prefix); null when it is neither the node's nor an issued one.</summary>
    public async Task<OperatorIdentity?> FromTokenAsync(string secret, CancellationToken ct)
    {
        secret = secret.Trim();
        if (secret.Length == 0)
        {
            return null;
        }
        if (OperatorToken.Matches(nodeToken, OperatorToken.Scheme + secret))
        {
            return new OperatorIdentity("the node's operator token", OperatorRole.Admin);
        }
        var issued = await store.FindTokenAsync(IssuedTokens.Digest(secret), ct).ConfigureAwait(false);
        return issued is null ? null : new OperatorIdentity($"token {issued.Name}", issued.Role);
    }

    private static OperatorRole? TryRole(string name)
    {
        try
        {
            return OperatorRoles.Parse(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
