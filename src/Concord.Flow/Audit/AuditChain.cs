using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Concord.Flow.Audit;

/// <summary>
/// How a record's digest is made: SHA-256 over its number, time, every field and the previous record's digest, each
/// length-prefixed so that no two different records encode alike. The first record follows <see cref="Genesis"/>.
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("concord-audit-record/1");

    public static AuditRecord Link(long seq, AuditEvent e, string previousHash)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(e.At.ToUnixTimeMilliseconds());
        var record = new AuditRecord(seq, at, e.Kind, e.Subject, e.JobId, e.Peer, e.Bytes, e.Digest, e.Actor, e.Detail, previousHash, "");
        return record with { Hash = HashOf(record) };
    }

    /// <summary>The digest a record should carry, given its fields as they are now.</summary>
    public static string HashOf(AuditRecord r)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Domain);
        Number(hash, r.Seq);
        Number(hash, r.At.ToUnixTimeMilliseconds());
        Text(hash, r.Kind);
        Text(hash, r.Subject);
        Text(hash, r.JobId);
        Number(hash, r.Peer);
        Number(hash, r.Bytes);
        Text(hash, r.Digest);
        Text(hash, r.Actor);
        Text(hash, r.Detail);
        Text(hash, r.PreviousHash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Number(IncrementalHash hash, long? value)
    {
        Span<byte> bytes = stackalloc byte[9];
        bytes[0] = value is null ? (byte)0 : (byte)1;
        BinaryPrimitives.WriteInt64LittleEndian(bytes[1..], value ?? 0);
        hash.AppendData(bytes);
    }

    private static void Text(IncrementalHash hash, string? value)
    {
        var bytes = value is null ? [] : Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, value is null ? -1 : bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
