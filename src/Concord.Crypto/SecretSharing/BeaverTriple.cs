using System.Security.Cryptography;

namespace Concord.Crypto.SecretSharing;

/// <summary>One party's shares of a multiplication triple (a, b, c = a·b) over Z_2^64.</summary>
public readonly record struct BeaverTriple(ulong A, ulong B, ulong C);

/// <summary>A trusted dealer (in FATE terms, the arbiter) that hands out triples before the parties multiply.</summary>
public static class BeaverTripleDealer
{
    /// <summary>result[party][i]: party's share of triple i.</summary>
    public static BeaverTriple[][] Deal(int count, int parties, RandomNumberGenerator? rng = null)
    {
        var a = AdditiveSharing.RandomRing(count, rng);
        var b = AdditiveSharing.RandomRing(count, rng);
        var c = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            c[i] = a[i] * b[i];
        }
        var aShares = AdditiveSharing.Share(a, parties, rng);
        var bShares = AdditiveSharing.Share(b, parties, rng);
        var cShares = AdditiveSharing.Share(c, parties, rng);
        var triples = new BeaverTriple[parties][];
        for (var p = 0; p < parties; p++)
        {
            triples[p] = new BeaverTriple[count];
            for (var i = 0; i < count; i++)
            {
                triples[p][i] = new BeaverTriple(aShares[p][i], bShares[p][i], cShares[p][i]);
            }
        }
        return triples;
    }
}
