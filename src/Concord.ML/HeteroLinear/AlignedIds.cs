using System.Security.Cryptography;
using System.Text;

namespace Concord.ML.HeteroLinear;

/// <summary>The cheap alignment check: parties compare SHA-256 digests of their ordered id lists (ids are shared after PSI).</summary>
internal static class AlignedIds
{
    public static byte[] Digest(IReadOnlyList<string> ids)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (var id in ids)
        {
            var bytes = Encoding.UTF8.GetBytes(id);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }
        return hash.GetHashAndReset();
    }
}
