using System.Numerics;
using Concord.Crypto.Paillier;

namespace Concord.Tests.Shared;

/// <summary>
/// The divide-out attack of an honest-but-curious party on Paillier (g = n + 1). A ciphertext it receives that was
/// built from another it knows (one it sent, or one it received earlier), c = s · Enc(x), lets it compute
/// q = c · s⁻¹ mod n², an encryption of x with randomness r_c / r_s. If the sender neither encrypted x afresh nor
/// re-randomised (a sum returned to it, AddPlaintext on its encryption), r_c = r_s, so q = (1 + n)^x = 1 + x·n mod n²
/// and the party reads x = (q − 1)/n with no key at all; a ciphertext with no randomness (c ≡ 1 mod n) reads so
/// directly. As q ≡ r_c / r_s (mod n), that happens exactly when c ≡ s (mod n): one hash lookup per ciphertext, for
/// pairs (a product of several of the party's ciphertexts times AddPlaintext is not searched).
/// A party that holds the private key (pass it) reads every quotient: for it, no received ciphertext may decrypt to
/// within 2^smallBits of a plaintext it sent, i.e. the sender must not have added only a small or structured value
/// to the party's own encryption. Use that only where the party must not learn the difference.
/// </summary>
internal static class DivideOut
{
    public readonly record struct Known(string What, Ciphertext Value);

    /// <summary>What the party reads by dividing; empty when every received ciphertext is fresh or re-randomised.</summary>
    public static List<string> Findings(IReadOnlyList<Known> received, IReadOnlyList<Known> sent, PaillierPrivateKey? held = null, int smallBits = 64)
    {
        var findings = new List<string>();
        // The randomness class of each ciphertext the party knows; received ones count once looked at.
        var known = new Dictionary<(BigInteger N, BigInteger Residue), Known>();
        foreach (var s in sent)
        {
            known.TryAdd(Residue(s.Value), s);
        }
        foreach (var c in received)
        {
            var n = c.Value.PublicKey.N.ToBigInteger();
            var key = Residue(c.Value);
            if (key.Residue.IsOne)
            {
                findings.Add($"{c.What} carries no randomness: it reads as {Signed((c.Value.Value.ToBigInteger() - 1) / n, n)} without the key");
            }
            else if (known.TryGetValue(key, out var s) && !s.Value.Equals(c.Value))
            {
                var q = c.Value.Value.ToBigInteger() * Inverse(s.Value.Value.ToBigInteger(), n * n) % (n * n);
                findings.Add($"{c.What} divided by {s.What} reads as {Signed((q - 1) / n, n)} without the key");
            }
            known.TryAdd(key, c);
        }
        if (held is not null)
        {
            findings.AddRange(SmallDifferences(received, sent, held, smallBits));
        }
        return findings;
    }

    public static void AssertNone(string party, IReadOnlyList<Known> received, IReadOnlyList<Known> sent, PaillierPrivateKey? held = null, int smallBits = 64)
    {
        Assert.NotEmpty(received);
        var findings = Findings(received, sent, held, smallBits);
        Assert.True(findings.Count == 0, $"party {party} can divide its own part out: {string.Join("; ", findings.Take(5))}");
    }

    private static IEnumerable<string> SmallDifferences(IReadOnlyList<Known> received, IReadOnlyList<Known> sent, PaillierPrivateKey key, int smallBits)
    {
        var n = key.PublicKey.N.ToBigInteger();
        var bound = BigInteger.One << smallBits;
        var own = sent.Where(s => s.Value.PublicKey.Equals(key.PublicKey))
            .Select(s => (Plain: key.Decrypt(s.Value).ToBigInteger(), s.What))
            .OrderBy(p => p.Plain)
            .ToList();
        if (own.Count == 0)
        {
            yield break;
        }
        var plains = own.Select(p => p.Plain).ToList();
        foreach (var c in received.Where(c => c.Value.PublicKey.Equals(key.PublicKey)))
        {
            var m = key.Decrypt(c.Value).ToBigInteger();
            var at = plains.BinarySearch(m);
            at = at < 0 ? ~at : at;
            // The nearest below and above, and across the wrap at n (a difference is taken mod n, centred).
            foreach (var i in new[] { at - 1, at, 0, own.Count - 1 }.Where(i => i >= 0 && i < own.Count).Distinct())
            {
                var d = Signed(m - own[i].Plain, n);
                if (BigInteger.Abs(d) < bound && own[i].Plain != m)
                {
                    yield return $"{c.What} decrypts to {own[i].What} plus {d}";
                    break;
                }
            }
        }
    }

    /// <summary>c mod n: the n-th power of the ciphertext's randomness, which only c's own randomness sets.</summary>
    private static (BigInteger N, BigInteger Residue) Residue(Ciphertext c)
    {
        var n = c.PublicKey.N.ToBigInteger();
        return (n, c.Value.ToBigInteger() % n);
    }

    /// <summary>a⁻¹ mod m by the extended Euclidean algorithm (a ciphertext is a unit mod n²).</summary>
    private static BigInteger Inverse(BigInteger a, BigInteger m)
    {
        var (r0, r1, t0, t1) = (m, a % m, BigInteger.Zero, BigInteger.One);
        while (!r1.IsZero)
        {
            var k = r0 / r1;
            (r0, r1) = (r1, r0 - (k * r1));
            (t0, t1) = (t1, t0 - (k * t1));
        }
        return ((t0 % m) + m) % m;
    }

    private static BigInteger Signed(BigInteger v, BigInteger n)
    {
        var m = ((v % n) + n) % n;
        return m > n / 2 ? m - n : m;
    }
}
