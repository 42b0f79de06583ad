using System.Security.Cryptography;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;

namespace Concord.Crypto.Packing;

/// <summary>
/// A ciphertext of up to k packed values (see <see cref="PackingScheme"/>), with how many packed terms each slot sums;
/// the counts are public, and unpacking needs them to remove the offsets.
/// Sums and concatenations keep the randomness of their inputs: re-randomise before sending one to the key owner
/// if the key owner made the inputs, or the randomness would tell which ones were combined.
/// </summary>
public sealed class PackedCiphertext
{
    private readonly long[] _slotTerms;

    private PackedCiphertext(Ciphertext ciphertext, PackingScheme scheme, long[] slotTerms)
    {
        Ciphertext = ciphertext;
        Scheme = scheme;
        _slotTerms = slotTerms;
    }

    public Ciphertext Ciphertext { get; }

    public PackingScheme Scheme { get; }

    /// <summary>Values packed in this ciphertext.</summary>
    public int Count => _slotTerms.Length;

    public ReadOnlySpan<long> SlotTerms => _slotTerms;

    /// <summary>Packs and encrypts values, k per ciphertext, in parallel.</summary>
    public static PackedCiphertext[] Encrypt(
        PaillierPublicKey key, PackingScheme scheme, ReadOnlySpan<double> values, RandomNumberGenerator? rng = null, int maxDegreeOfParallelism = -1)
    {
        var k = scheme.SlotsPerPlaintext;
        var plaintexts = new BigNat[(values.Length + k - 1) / k];
        for (var i = 0; i < plaintexts.Length; i++)
        {
            var start = i * k;
            plaintexts[i] = scheme.Pack(values[start..Math.Min(values.Length, start + k)], start);
        }
        var exponents = new ObfuscationExponents(key, plaintexts.Length, rng);
        var valueCount = values.Length;
        var result = new PackedCiphertext[plaintexts.Length];
        ParallelRange.For(plaintexts.Length, maxDegreeOfParallelism, (from, to) =>
        {
            var ws = key.Backend.Workspace;
            for (var i = from; i < to; i++)
            {
                var count = Math.Min(k, valueCount - (i * k));
                result[i] = new PackedCiphertext(new Ciphertext(key, key.EncryptWith(ws, plaintexts[i], exponents[i])), scheme, Ones(count));
            }
        });
        return result;
    }

    /// <summary>Decrypts and unpacks many packed ciphertexts in parallel, concatenating their values.</summary>
    public static double[] Decrypt(PaillierPrivateKey key, IReadOnlyList<PackedCiphertext> packed, int maxDegreeOfParallelism = -1)
    {
        var offsets = new int[packed.Count + 1];
        for (var i = 0; i < packed.Count; i++)
        {
            offsets[i + 1] = offsets[i] + packed[i].Count;
        }
        var values = new double[offsets[^1]];
        ParallelRange.For(packed.Count, maxDegreeOfParallelism, (from, to) =>
        {
            var ws = key.PublicKey.Backend.Workspace;
            for (var i = from; i < to; i++)
            {
                var item = packed[i];
                key.PublicKey.RequireSameKey(item.Ciphertext.PublicKey, $"packed ciphertext {i}");
                var plaintext = key.Decrypt(ws, item.Ciphertext.Value.Limbs, $"packed ciphertext {i}");
                item.Scheme.Unpack(plaintext, item._slotTerms, values.AsSpan(offsets[i], item.Count));
            }
        });
        return values;
    }

    public double[] Decrypt(PaillierPrivateKey key) => Decrypt(key, [this], 1);

    /// <summary>Slot-wise sum; throws when a slot would sum more terms than the scheme has headroom for.</summary>
    public PackedCiphertext Add(PackedCiphertext other)
    {
        RequireSameLayout(other);
        var terms = new long[Count];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = _slotTerms[i] + other._slotTerms[i];
            if (terms[i] > Scheme.MaxTerms)
            {
                throw new PackingOverflowException(
                    $"packing: slot {i} would sum {terms[i]} terms, beyond the {Scheme.MaxTerms} its {Scheme.HeadroomBits} headroom bits allow");
            }
        }
        return new PackedCiphertext(Ciphertext.Add(other.Ciphertext), Scheme, terms);
    }

    /// <summary>The sum of many packed ciphertexts of one layout.</summary>
    public static PackedCiphertext Sum(IReadOnlyList<PackedCiphertext> items)
    {
        if (items.Count == 0)
        {
            throw new ArgumentException("packing: cannot sum an empty list", nameof(items));
        }
        var sum = items[0];
        for (var i = 1; i < items.Count; i++)
        {
            sum = sum.Add(items[i]);
        }
        return sum;
    }

    /// <summary>
    /// One ciphertext holding all the parts' values in order, by shifting each part's plaintext into higher slots
    /// (c₀ · c₁^(2^(W·k₀)) · …): the key owner then decrypts once instead of once per part.
    /// </summary>
    public static PackedCiphertext Concatenate(IReadOnlyList<PackedCiphertext> parts)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("packing: cannot concatenate an empty list", nameof(parts));
        }
        var first = parts[0];
        var total = 0;
        foreach (var part in parts)
        {
            first.RequireSameScheme(part);
            total += part.Count;
        }
        if (total > first.Scheme.SlotsPerPlaintext)
        {
            throw new PackingOverflowException($"packing: {total} values exceed the {first.Scheme.SlotsPerPlaintext} slots of one plaintext");
        }
        var key = first.Ciphertext.PublicKey;
        var ws = key.Backend.Workspace;
        using var f = ws.Frame(4);
        int acc = f[0], part2 = f[1], e = f[2], m = f[3];
        ws.Set(m, key.NSquared);
        ws.Set(acc, parts[^1].Ciphertext.Value);
        for (var i = parts.Count - 2; i >= 0; i--)
        {
            // Horner: shift everything above part i up by part i's slots, then add part i.
            ws.Set(e, BigNat.One.ShiftLeft(parts[i].Count * first.Scheme.SlotBits));
            ws.PowMod(acc, acc, e, m);
            ws.Set(part2, parts[i].Ciphertext.Value);
            ws.MulMod(acc, acc, part2, m);
        }
        var terms = parts.SelectMany(p => p._slotTerms).ToArray();
        return new PackedCiphertext(new Ciphertext(key, ws.Get(acc)), first.Scheme, terms);
    }

    public PackedCiphertext Rerandomize(RandomNumberGenerator? rng = null) => new(Ciphertext.Rerandomize(rng), Scheme, _slotTerms);

    /// <summary>Reattaches layout metadata to a received ciphertext (validate it first, e.g. with <see cref="PaillierPublicKey.CiphertextFromBytes"/>).</summary>
    public static PackedCiphertext FromParts(Ciphertext ciphertext, PackingScheme scheme, ReadOnlySpan<long> slotTerms)
    {
        if (slotTerms.Length is 0 || slotTerms.Length > scheme.SlotsPerPlaintext)
        {
            throw new ArgumentException($"packing: {slotTerms.Length} slots for a scheme of {scheme.SlotsPerPlaintext}");
        }
        foreach (var t in slotTerms)
        {
            if (t < 1 || t > scheme.MaxTerms)
            {
                throw new PackingOverflowException($"packing: a slot term count of {t} is outside [1, {scheme.MaxTerms}]");
            }
        }
        return new PackedCiphertext(ciphertext, scheme, slotTerms.ToArray());
    }

    private void RequireSameLayout(PackedCiphertext other)
    {
        RequireSameScheme(other);
        if (Count != other.Count)
        {
            throw new ArgumentException($"packing: cannot add a ciphertext of {other.Count} values to one of {Count}");
        }
    }

    private void RequireSameScheme(PackedCiphertext other)
    {
        if (!Scheme.Equals(other.Scheme))
        {
            throw new ArgumentException($"packing: schemes differ ({Scheme} vs {other.Scheme})");
        }
    }

    private static long[] Ones(int count)
    {
        var ones = new long[count];
        Array.Fill(ones, 1L);
        return ones;
    }
}
