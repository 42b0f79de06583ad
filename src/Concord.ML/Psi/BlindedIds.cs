using System.Security.Cryptography;
using Concord.Crypto.Ristretto;

namespace Concord.ML.Psi;

/// <summary>
/// A party's own ids, hashed to the group and blinded by its secret scalar, in a secretly shuffled order so that
/// the position of an element says nothing about the id behind it.
/// </summary>
internal sealed class BlindedIds
{
    private BlindedIds(byte[] secret, int[] order, byte[] blinded)
    {
        Secret = secret;
        Order = order;
        Blinded = blinded;
    }

    /// <summary>This party's secret scalar; it never leaves the party.</summary>
    public byte[] Secret { get; }

    /// <summary>Order[i] is the row of the local table behind element i of <see cref="Blinded"/>.</summary>
    public int[] Order { get; }

    /// <summary>H(id)·secret for each row in <see cref="Order"/>, packed.</summary>
    public byte[] Blinded { get; }

    public static BlindedIds Of(IReadOnlyList<string> ids, PsiOptions options, PsiStopwatch clock)
    {
        var order = Enumerable.Range(0, ids.Count).ToArray();
        RandomNumberGenerator.Shuffle(order.AsSpan());
        var shuffled = order.Select(row => ids[row]).ToArray();
        var hashed = clock.Hash(() => PointBatch.HashToGroup(shuffled, options.SaltBytes));
        var secret = Ristretto255.RandomScalar();
        var blinded = clock.Multiply(() => PointBatch.Multiply(secret, hashed));
        return new BlindedIds(secret, order, blinded);
    }
}
