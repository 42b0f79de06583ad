using Concord.Crypto.Ristretto;

namespace Concord.ML.Psi;

/// <summary>A party's own ids for ECDH-PSI, shuffled, hashed to the group and blinded by its secret scalar.</summary>
internal sealed class BlindedIds
{
    private BlindedIds(byte[] secret, ShuffledIds shuffled, byte[] blinded)
    {
        Secret = secret;
        Shuffled = shuffled;
        Blinded = blinded;
    }

    /// <summary>This party's secret scalar; it never leaves the party.</summary>
    public byte[] Secret { get; }

    /// <summary>The ids in the order of <see cref="Blinded"/>.</summary>
    public ShuffledIds Shuffled { get; }

    /// <summary>H(id)·secret for each id of <see cref="Shuffled"/>, packed.</summary>
    public byte[] Blinded { get; }

    public static BlindedIds Of(IReadOnlyList<string> ids, PsiOptions options)
    {
        var shuffled = ShuffledIds.Of(ids);
        var hashed = PointBatch.HashToGroup(shuffled.Ids, options.SaltBytes);
        var secret = Ristretto255.RandomScalar();
        var blinded = PointBatch.Multiply(secret, hashed);
        return new BlindedIds(secret, shuffled, blinded);
    }
}
