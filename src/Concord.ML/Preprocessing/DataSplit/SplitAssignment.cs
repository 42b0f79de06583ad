using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Concord.ML.Preprocessing.DataSplit;

/// <summary>The set a row lands in; <see cref="None"/> for a row a split by counts leaves out.</summary>
public enum SplitSet : byte
{
    Train,
    Validate,
    Test,
    None,
}

/// <summary>
/// Which set each row lands in. Rows are ordered by an HMAC of their id keyed with the seed (or by id, unshuffled)
/// and cut in that order, so any party holding the same ids and the seed computes the same split with no message;
/// a stratified split cuts each label class on its own, so it needs the labels.
/// </summary>
public static class SplitAssignment
{
    public static SplitSet[] Of(IReadOnlyList<string> ids, SplitSizes sizes, long seed, bool shuffle, double[]? strata = null)
    {
        var sets = new SplitSet[ids.Count];
        var groups = strata is null
            ? [Enumerable.Range(0, ids.Count).ToList()]
            : Enumerable.Range(0, ids.Count).GroupBy(i => strata[i]).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        var perGroup = strata is null ? sizes : sizes.AsFractionsOf(ids.Count);
        var keys = shuffle ? Keys(ids, seed) : null;
        foreach (var rows in groups)
        {
            rows.Sort((a, b) => keys is not null && keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : string.CompareOrdinal(ids[a], ids[b]));
            var (train, validate, test) = perGroup.For(rows.Count);
            for (var k = 0; k < rows.Count; k++)
            {
                sets[rows[k]] = k < train ? SplitSet.Train : k < train + validate ? SplitSet.Validate : k < train + validate + test ? SplitSet.Test : SplitSet.None;
            }
        }
        return sets;
    }

    private static ulong[] Keys(IReadOnlyList<string> ids, long seed)
    {
        var key = new byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(key, seed);
        "split"u8.CopyTo(key.AsSpan(8));
        using var hmac = new HMACSHA256(key);
        return [.. ids.Select(id => BinaryPrimitives.ReadUInt64BigEndian(hmac.ComputeHash(Encoding.UTF8.GetBytes(id))))];
    }
}
