using System.Buffers.Binary;
using System.Security.Cryptography;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Paillier;
using Concord.Crypto.Profiling;

namespace Concord.Crypto.Vector;

/// <summary>
/// Ciphertexts under one key, stored back to back in one array (no object per element), with element-wise
/// operations parallel across cores. Immutable: every operation returns a new vector.
/// </summary>
public sealed partial class CipherVector
{
    private readonly ulong[] _limbs;

    internal CipherVector(PaillierPublicKey key, int count, ulong[] limbs)
    {
        PublicKey = key;
        Count = count;
        _limbs = limbs;
    }

    public PaillierPublicKey PublicKey { get; }

    public int Count { get; }

    private int Stride => PublicKey.CiphertextLimbs;

    public Ciphertext this[int index] => new(PublicKey, BigNat.FromLimbs(Limbs(index)));

    internal ReadOnlySpan<ulong> Limbs(int index) =>
        (uint)index < (uint)Count ? _limbs.AsSpan(index * Stride, Stride) : throw new ArgumentOutOfRangeException(nameof(index));

    public static CipherVector FromCiphertexts(PaillierPublicKey key, IReadOnlyList<Ciphertext> items)
    {
        var stride = key.CiphertextLimbs;
        var limbs = new ulong[checked(items.Count * stride)];
        for (var i = 0; i < items.Count; i++)
        {
            key.RequireSameKey(items[i].PublicKey, $"element {i}");
            items[i].Value.Limbs.CopyTo(limbs.AsSpan(i * stride, stride));
        }
        return new CipherVector(key, items.Count, limbs);
    }

    /// <summary>Encrypts each plaintext with the public key's fixed-base DJN path.</summary>
    public static CipherVector Encrypt(PaillierPublicKey key, IReadOnlyList<BigNat> plaintexts, RandomNumberGenerator? rng = null, int maxDegreeOfParallelism = -1)
    {
        using var timing = PhaseTimer.Start(Phase.Encrypt);
        var exponents = new ObfuscationExponents(key, plaintexts.Count, rng);
        return Map(key, plaintexts.Count, maxDegreeOfParallelism, (ws, i) => key.EncryptWith(ws, plaintexts[i], exponents[i]));
    }

    /// <summary>Encrypts through the CRT with the private key; equal to <see cref="Encrypt(PaillierPublicKey, IReadOnlyList{BigNat}, RandomNumberGenerator?, int)"/> for the same randomness.</summary>
    public static CipherVector Encrypt(PaillierPrivateKey key, IReadOnlyList<BigNat> plaintexts, RandomNumberGenerator? rng = null, int maxDegreeOfParallelism = -1)
    {
        using var timing = PhaseTimer.Start(Phase.Encrypt);
        var exponents = new ObfuscationExponents(key.PublicKey, plaintexts.Count, rng);
        return Map(key.PublicKey, plaintexts.Count, maxDegreeOfParallelism, (ws, i) => key.EncryptWith(ws, plaintexts[i], exponents[i]));
    }

    public BigNat[] Decrypt(PaillierPrivateKey key, int maxDegreeOfParallelism = -1)
    {
        PublicKey.RequireSameKey(key.PublicKey, "the ciphertext vector");
        using var timing = PhaseTimer.Start(Phase.Decrypt);
        var result = new BigNat[Count];
        ParallelRange.For(Count, maxDegreeOfParallelism, (from, to) =>
        {
            var ws = PublicKey.Backend.Workspace;
            for (var i = from; i < to; i++)
            {
                result[i] = key.Decrypt(ws, Limbs(i), $"element {i}");
            }
        });
        return result;
    }

    /// <summary>Element-wise Enc(a_i + b_i).</summary>
    public CipherVector Add(CipherVector other, int maxDegreeOfParallelism = -1)
    {
        PublicKey.RequireSameKey(other.PublicKey, "the other vector");
        RequireCount(other.Count, "the other vector");
        using var timing = PhaseTimer.Start(Phase.CiphertextArithmetic);
        return Map(PublicKey, Count, maxDegreeOfParallelism, (ws, i, f) =>
        {
            ws.Set(f[0], Limbs(i));
            ws.Set(f[1], other.Limbs(i));
            ws.MulMod(f[0], f[0], f[1], f[2]);
        });
    }

    /// <summary>Element-wise Enc(a_i − b_i) = a_i · b_i⁻¹ mod n².</summary>
    public CipherVector Subtract(CipherVector other, int maxDegreeOfParallelism = -1)
    {
        PublicKey.RequireSameKey(other.PublicKey, "the subtrahend");
        RequireCount(other.Count, "the subtrahend");
        using var timing = PhaseTimer.Start(Phase.CiphertextArithmetic);
        return Map(PublicKey, Count, maxDegreeOfParallelism, (ws, i, f) =>
        {
            ws.Set(f[1], other.Limbs(i));
            if (!ws.TryInvert(f[1], f[1], f[2]))
            {
                throw new InvalidCiphertextException($"element {i} of the subtrahend is not invertible modulo n² (it is not coprime to n)");
            }
            ws.Set(f[0], Limbs(i));
            ws.MulMod(f[0], f[0], f[1], f[2]);
        });
    }

    /// <summary>The same plaintexts under fresh randomness, so the key owner cannot tell which of its own ciphertexts went into them.</summary>
    public CipherVector Rerandomize(RandomNumberGenerator? rng = null, int maxDegreeOfParallelism = -1)
    {
        using var timing = PhaseTimer.Start(Phase.CiphertextArithmetic);
        var exponents = new ObfuscationExponents(PublicKey, Count, rng);
        return Map(PublicKey, Count, maxDegreeOfParallelism, (ws, i, f) =>
        {
            PublicKey.ObfuscationTable.Power(ws, f[0], exponents[i], f[1], f[2]);
            ws.Set(f[1], Limbs(i));
            ws.MulMod(f[0], f[0], f[1], f[2]);
        });
    }

    /// <summary>The elements at <paramref name="indices"/>, in that order.</summary>
    public CipherVector Gather(IReadOnlyList<int> indices)
    {
        var limbs = new ulong[checked(indices.Count * Stride)];
        for (var i = 0; i < indices.Count; i++)
        {
            Limbs(indices[i]).CopyTo(limbs.AsSpan(i * Stride, Stride));
        }
        return new CipherVector(PublicKey, indices.Count, limbs);
    }

    /// <summary>Element-wise Enc(k_i · a_i) for signed 64-bit k_i.</summary>
    public CipherVector Multiply(IReadOnlyList<long> scalars, int maxDegreeOfParallelism = -1)
    {
        RequireCount(scalars.Count, "the scalar list");
        using var timing = PhaseTimer.Start(Phase.CiphertextArithmetic);
        return Map(PublicKey, Count, maxDegreeOfParallelism, (ws, i, f) =>
        {
            var k = scalars[i];
            ws.Set(f[0], Limbs(i));
            if (k < 0 && !ws.TryInvert(f[0], f[0], f[2]))
            {
                throw new InvalidCiphertextException($"element {i} is not invertible modulo n² (it is not coprime to n)");
            }
            ws.SetSmall(f[1], k < 0 ? (ulong)-(k + 1) + 1 : (ulong)k);
            ws.PowMod(f[0], f[0], f[1], f[2]);
        });
    }

    public CipherVector Multiply(long scalar, int maxDegreeOfParallelism = -1) =>
        Multiply(new ConstantList(scalar, Count), maxDegreeOfParallelism);

    /// <summary>
    /// Enc(Σ x_i · a_i) = Π c_i^(x_i) mod n², the host's encrypted-gradient kernel. Positive and negative x_i go into
    /// two Pippenger multi-exponentiations of |x_i|, joined by one modular inverse, so no exponent is ever n-sized.
    /// </summary>
    public Ciphertext WeightedSum(IReadOnlyList<long> exponents, int maxDegreeOfParallelism = -1)
    {
        RequireCount(exponents.Count, "the exponent list");
        using var timing = PhaseTimer.Start(Phase.MultiExponentiation);
        var (positive, negative) = SplitSigns(exponents);
        return Quotient(MultiExp(positive, maxDegreeOfParallelism), MultiExp(negative, maxDegreeOfParallelism));
    }

    /// <summary>|x_i| of the positive x_i and of the negative ones, zero elsewhere: two multi-exponentiations with no n-sized exponent.</summary>
    private (ulong[] Positive, ulong[] Negative) SplitSigns(IReadOnlyList<long> exponents)
    {
        var positive = new ulong[Count];
        var negative = new ulong[Count];
        for (var i = 0; i < Count; i++)
        {
            var x = exponents[i];
            if (x >= 0)
            {
                positive[i] = (ulong)x;
            }
            else
            {
                negative[i] = (ulong)-(x + 1) + 1;
            }
        }
        return (positive, negative);
    }

    /// <summary>pos · neg⁻¹ mod n²: the two halves of a signed multi-exponentiation joined by one modular inverse.</summary>
    private Ciphertext Quotient(BigNat pos, BigNat neg)
    {
        var ws = PublicKey.Backend.Workspace;
        using var f = ws.Frame(3);
        ws.Set(f[0], pos);
        ws.Set(f[1], neg);
        ws.Set(f[2], PublicKey.NSquared);
        if (!ws.TryInvert(f[1], f[1], f[2]))
        {
            throw new InvalidCiphertextException("the vector holds a ciphertext that is not coprime to n");
        }
        ws.MulMod(f[0], f[0], f[1], f[2]);
        return new Ciphertext(PublicKey, ws.Get(f[0]));
    }

    /// <summary>
    /// <see cref="WeightedSum"/> for every exponent column: Enc(Σ_i x_ij · a_i) for each j. Whole columns go to threads,
    /// so that each column's Pippenger buckets are paid for once instead of once per thread.
    /// </summary>
    public Ciphertext[] WeightedSums(IReadOnlyList<IReadOnlyList<long>> columns, int maxDegreeOfParallelism = -1)
    {
        foreach (var column in columns)
        {
            RequireCount(column.Count, "an exponent column");
        }
        using var timing = PhaseTimer.Start(Phase.MultiExponentiation);
        if (PublicKey.CiphertextMontgomery is { } montgomery && columns.Count > 1)
        {
            return MontgomeryWeightedSums(montgomery, columns, maxDegreeOfParallelism);
        }
        var sums = new Ciphertext[columns.Count];
        ParallelRange.For(columns.Count, maxDegreeOfParallelism, (from, to) =>
        {
            for (var j = from; j < to; j++)
            {
                sums[j] = WeightedSum(columns[j], maxDegreeOfParallelism: 1);
            }
        }, chunksPerThread: 8);
        return sums;
    }

    /// <summary>
    /// The columns' multi-exponentiations in Montgomery form: the bases are converted once for all columns, then every
    /// bucket product and squaring is a division-free Montgomery multiplication.
    /// </summary>
    private Ciphertext[] MontgomeryWeightedSums(MontgomeryModulus montgomery, IReadOnlyList<IReadOnlyList<long>> columns, int maxDegreeOfParallelism)
    {
        var stride = Stride;
        var bases = new ulong[checked(Count * stride)];
        ParallelRange.For(Count, maxDegreeOfParallelism, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                montgomery.ToMontgomery(Limbs(i), bases.AsSpan(i * stride, stride));
            }
        });
        var unit = new ulong[stride];
        unit[0] = 1;
        var one = new ulong[stride];
        montgomery.ToMontgomery(unit, one);
        var sums = new Ciphertext[columns.Count];
        ParallelRange.For(columns.Count, maxDegreeOfParallelism, (from, to) =>
        {
            var pos = new ulong[stride];
            var neg = new ulong[stride];
            var scratch = new ulong[2 * stride];
            for (var j = from; j < to; j++)
            {
                var (positive, negative) = SplitSigns(columns[j]);
                MultiExponentiation.Evaluate(montgomery, bases, positive, one, pos);
                MultiExponentiation.Evaluate(montgomery, bases, negative, one, neg);
                montgomery.Reduce(pos, pos, scratch);
                montgomery.Reduce(neg, neg, scratch);
                sums[j] = Quotient(BigNat.FromLimbs(pos), BigNat.FromLimbs(neg));
            }
        }, chunksPerThread: 8);
        return sums;
    }

    /// <summary>Π c_i^(e_i) with one Pippenger run per thread over a contiguous share of the terms.</summary>
    private BigNat MultiExp(ulong[] exponents, int maxDegreeOfParallelism)
    {
        var partials = new List<BigNat>();
        ParallelRange.For(Count, maxDegreeOfParallelism, (from, to) =>
        {
            var ws = PublicKey.Backend.Workspace;
            using var f = ws.Frame(2);
            ws.Set(f[1], PublicKey.NSquared);
            MultiExponentiation.Evaluate(ws, f[0], _limbs.AsSpan(from * Stride, (to - from) * Stride), Stride, exponents.AsSpan(from, to - from), f[1]);
            var partial = ws.Get(f[0]);
            lock (partials)
            {
                partials.Add(partial);
            }
        }, chunksPerThread: 1);
        var w = PublicKey.Backend.Workspace;
        using var g = w.Frame(3);
        w.SetSmall(g[0], 1);
        w.Set(g[2], PublicKey.NSquared);
        foreach (var partial in partials)
        {
            w.Set(g[1], partial);
            w.MulMod(g[0], g[0], g[1], g[2]);
        }
        return w.Get(g[0]);
    }

    /// <summary>A 4-byte big-endian count, then each ciphertext in <see cref="PaillierPublicKey.CiphertextByteLength"/> bytes.</summary>
    public byte[] ToBytes()
    {
        var size = PublicKey.CiphertextByteLength;
        var bytes = new byte[4 + ((long)Count * size)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, Count);
        for (var i = 0; i < Count; i++)
        {
            WriteElement(i, bytes.AsSpan(4 + (i * size), size));
        }
        return bytes;
    }

    /// <summary>
    /// Reads a vector written by <see cref="ToBytes"/>, rejecting any element out of range or not coprime to n.
    /// Coprimality is checked for the whole batch at once: Π c_i mod n is coprime to n exactly when every c_i is.
    /// </summary>
    public static CipherVector FromBytes(PaillierPublicKey key, ReadOnlySpan<byte> bytes, string what = "ciphertext vector")
    {
        var size = key.CiphertextByteLength;
        var count = bytes.Length >= 4 ? BinaryPrimitives.ReadInt32BigEndian(bytes) : -1;
        if (count < 0 || bytes.Length - 4 != (long)count * size)
        {
            throw new InvalidCiphertextException($"{what}: {bytes.Length} bytes do not hold a count and {Math.Max(count, 0)} ciphertexts of {size} bytes");
        }
        var builder = new CipherVectorBuilder(key, count, what);
        for (var i = 0; i < count; i++)
        {
            builder.Append(bytes.Slice(4 + (i * size), size));
        }
        return builder.ToVector();
    }

    /// <summary>Writes element <paramref name="index"/> big-endian into <see cref="PaillierPublicKey.CiphertextByteLength"/> bytes.</summary>
    public void WriteElement(int index, Span<byte> destination) =>
        BigNat.FromLimbs(Limbs(index)).WriteBigEndian(destination[..PublicKey.CiphertextByteLength]);

    internal void RequireCoprime(string what)
    {
        var ws = PublicKey.Backend.Workspace;
        using var f = ws.Frame(4);
        int product = f[0], c = f[1], n = f[2], g = f[3];
        ws.Set(n, PublicKey.N);
        ws.SetSmall(product, 1);
        for (var i = 0; i < Count; i++)
        {
            ws.Set(c, Limbs(i));
            ws.MulMod(product, product, c, n);
        }
        ws.Gcd(g, product, n);
        if (ws.BitLength(g) == 1)
        {
            return;
        }
        for (var i = 0; i < Count; i++)
        {
            ws.Set(c, Limbs(i));
            ws.Gcd(g, c, n);
            if (ws.BitLength(g) != 1)
            {
                throw new InvalidCiphertextException($"{what}: element {i} is not coprime to n (it shares a factor with the modulus)");
            }
        }
    }

    private void RequireCount(int count, string what)
    {
        if (count != Count)
        {
            throw new ArgumentException($"{what} has {count} elements; the vector has {Count}");
        }
    }

    private static CipherVector Map(PaillierPublicKey key, int count, int maxDegreeOfParallelism, Func<Workspace, int, BigNat> element)
    {
        var stride = key.CiphertextLimbs;
        var limbs = new ulong[checked(count * stride)];
        ParallelRange.For(count, maxDegreeOfParallelism, (from, to) =>
        {
            var ws = key.Backend.Workspace;
            for (var i = from; i < to; i++)
            {
                element(ws, i).Limbs.CopyTo(limbs.AsSpan(i * stride, stride));
            }
        });
        return new CipherVector(key, count, limbs);
    }

    /// <summary>Runs <paramref name="element"/> with registers 0..3 of a frame, register 2 holding n², and stores register 0.</summary>
    internal static CipherVector Map(PaillierPublicKey key, int count, int maxDegreeOfParallelism, Action<Workspace, int, Registers> element)
    {
        var stride = key.CiphertextLimbs;
        var limbs = new ulong[checked(count * stride)];
        ParallelRange.For(count, maxDegreeOfParallelism, (from, to) =>
        {
            var ws = key.Backend.Workspace;
            using var f = ws.Frame(4);
            var registers = new Registers(f[0], f[1], f[2], f[3]);
            ws.Set(f[2], key.NSquared);
            for (var i = from; i < to; i++)
            {
                element(ws, i, registers);
                ws.CopyTo(f[0], limbs.AsSpan(i * stride, stride));
            }
        });
        return new CipherVector(key, count, limbs);
    }

    internal readonly record struct Registers(int R0, int R1, int R2, int R3)
    {
        public int this[int i] => i switch { 0 => R0, 1 => R1, 2 => R2, 3 => R3, _ => throw new ArgumentOutOfRangeException(nameof(i)) };
    }

    private sealed class ConstantList(long value, int count) : IReadOnlyList<long>
    {
        public long this[int index] => value;

        public int Count => count;

        public IEnumerator<long> GetEnumerator() => Enumerable.Repeat(value, count).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
