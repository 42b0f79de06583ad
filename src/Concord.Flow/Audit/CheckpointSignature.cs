using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Concord.Federation.Security;

namespace Concord.Flow.Audit;

/// <summary>
/// Checkpoints signed with the party's certificate key (<see cref="PartySignature"/>, as model exports are) over the party id, the record
/// number, that record's hash and the time of signing; anyone holding only the party's certificate can check them.
/// </summary>
public static class CheckpointSignature
{
    public static AuditCheckpoint Sign(X509Certificate2 certificate, int party, AuditRecord head, DateTimeOffset now)
    {
        var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        var signature = PartySignature.Sign(certificate, Message(party, head.Seq, head.Hash, signedAt));
        return new AuditCheckpoint(head.Seq, head.Hash, signedAt, Convert.ToBase64String(signature));
    }

    /// <summary>Whether the certificate's key signed this checkpoint of this party's trail.</summary>
    public static bool IsValid(X509Certificate2 certificate, int party, AuditCheckpoint checkpoint)
    {
        var signature = new byte[checkpoint.Signature.Length];
        return Convert.TryFromBase64String(checkpoint.Signature, signature, out var length)
            && PartySignature.Matches(Message(party, checkpoint.Seq, checkpoint.Hash, checkpoint.SignedAt), signature.AsSpan(0, length), certificate);
    }

    /// <summary>The party a certificate speaks for, checked against the party a trail claims to be.</summary>
    public static void RequireParty(X509Certificate2 certificate, int party, string source)
    {
        var named = PartyIdentity.PartyIdOf(certificate);
        if (named != party)
        {
            throw new ArgumentException(
                $"{source} is the audit trail of party {party}, but the certificate {certificate.Subject} names {(named is int n ? $"party {n}" : "no party")}");
        }
    }

    private static byte[] Message(int party, long seq, string hash, DateTimeOffset signedAt) => Encoding.UTF8.GetBytes(string.Create(
        CultureInfo.InvariantCulture, $"concord-audit-checkpoint/1\n{party}\n{seq}\n{hash}\n{signedAt.ToUnixTimeMilliseconds()}"));
}
