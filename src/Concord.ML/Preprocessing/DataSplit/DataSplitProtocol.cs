using System.Security.Cryptography;
using System.Text;
using Concord.Federation.Messaging;

namespace Concord.ML.Preprocessing.DataSplit;

/// <summary>The messages of a synchronized (vertical) split, in the order they flow.</summary>
internal static class DataSplitProtocol
{
    /// <summary>Host → guest: how many rows it holds and a digest of its id set, so that a split over different ids is refused.</summary>
    public static readonly Tag<IdSetDigest> IdSet = new("split_id_set");

    /// <summary>Guest → host: go ahead (computing the split from the seed), the stratified split's membership, or why it stops.</summary>
    public static readonly Tag<SplitMembership> Membership = new("split_membership");
}

/// <summary>A party's row count and the SHA-256 of its ids in ordinal order: equal digests, equal id sets.</summary>
internal sealed record IdSetDigest(int Rows, byte[] Sha256)
{
    public static IdSetDigest Of(IReadOnlyList<string> ids)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var id in ids.Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(id));
            hash.AppendData([0]);
        }
        return new IdSetDigest(ids.Count, hash.GetHashAndReset());
    }

    public bool SameAs(IdSetDigest other) => Rows == other.Rows && Sha256.AsSpan().SequenceEqual(other.Sha256);
}

/// <summary>
/// The guest's word to a host. With <see cref="Train"/> (a stratified split) the ids of each set, which the host
/// already holds; without, the host computes the split itself from the seed; with <see cref="Rejection"/>, it stops.
/// </summary>
internal sealed record SplitMembership(string? Rejection, string[]? Train = null, string[]? Validate = null, string[]? Test = null);
