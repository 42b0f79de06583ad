using System.Security.Cryptography;
using System.Text;
using Concord.Federation.Parties;

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

    /// <summary>Refuses, naming the host, when a host's digest is not the guest's: the rows would be scored or trained misaligned.</summary>
    public static void Require(IReadOnlyList<string> guestIds, IReadOnlyList<byte[]> hostDigests, IReadOnlyList<PartyRef> hosts, string what = "rows")
    {
        var own = Digest(guestIds);
        for (var h = 0; h < hostDigests.Count; h++)
        {
            if (!hostDigests[h].AsSpan().SequenceEqual(own))
            {
                throw new ArgumentException(
                    $"party {hosts[h]}'s {what} are not aligned with the guest's (their ordered id lists differ); put a psi component in front of the model");
            }
        }
    }
}
