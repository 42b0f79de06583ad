using System.Security.Cryptography;

namespace Concord.ML.Psi;

/// <summary>
/// A party's ids in a secretly shuffled order, the order in which every PSI method sends them, so that the
/// position of a value on the wire says nothing about the id behind it.
/// </summary>
internal sealed class ShuffledIds
{
    private ShuffledIds(int[] order, string[] ids)
    {
        Order = order;
        Ids = ids;
    }

    /// <summary>Order[i] is the row of the local table behind <see cref="Ids"/>[i].</summary>
    public int[] Order { get; }

    public string[] Ids { get; }

    public static ShuffledIds Of(IReadOnlyList<string> ids)
    {
        var order = Enumerable.Range(0, ids.Count).ToArray();
        RandomNumberGenerator.Shuffle(order.AsSpan());
        return new ShuffledIds(order, [.. order.Select(row => ids[row])]);
    }
}
