using System.Security.Cryptography;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Hashing;
using Concord.Crypto.Profiling;
using Concord.Crypto.Vector;

namespace Concord.Crypto.Rsa;

/// <summary>
/// Chaum's RSA blind signatures over batches, the arithmetic of RSA-PSI. Values modulo n travel packed back to back,
/// each <see cref="RsaPublicKey.ValueBytes"/> bytes big-endian. The holder of m sends m·r^e for a fresh uniform r; the
/// signer returns (m·r^e)^d = m^d·r without learning anything about m; multiplying by r⁻¹ leaves m^d. Every batch
/// runs in parallel over the cores, each thread in its own workspace.
/// </summary>
public static class RsaBlindSignatures
{
    /// <summary>Bytes of a <see cref="Digests"/> element.</summary>
    public const int DigestBytes = 32;

    /// <summary>
    /// The full-domain hash of each id modulo n: its <see cref="SaltedIdHash"/> digest stretched by SHA-512 in
    /// counter mode to 128 bits more than n, then reduced, so that the result is uniform modulo n up to 2⁻¹²⁸.
    /// </summary>
    public static byte[] HashIds(RsaPublicKey key, IReadOnlyList<string> ids, ReadOnlySpan<byte> salt, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ids);
        using var timing = PhaseTimer.Start(Phase.Hashing);
        var width = key.ValueBytes;
        var hashes = new byte[ids.Count * width];
        SaltedIdHash.Compute(ids, "concord-rsa-psi-v1"u8, salt, (i, digest) =>
        {
            Span<byte> stretched = stackalloc byte[width + 16];
            Stretch(digest, stretched);
            var ws = key.Backend.Workspace;
            using var f = ws.Frame(2);
            ws.Set(f[0], BigNat.FromBigEndian(stretched));
            ws.Set(f[1], key.N);
            ws.Mod(f[0], f[0], f[1]);
            ws.Get(f[0]).WriteBigEndian(hashes.AsSpan(i * width, width));
        }, maxDegreeOfParallelism);
        return hashes;
    }

    /// <summary>m·r^e mod n for every m, each with its own uniform r coprime to n drawn from the system CSPRNG.</summary>
    public static RsaBlinding Blind(RsaPublicKey key, byte[] values, string what = "a value", int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(key);
        var width = key.ValueBytes;
        var count = Count(values, width, what);
        using var timing = PhaseTimer.Start(Phase.Exponentiation);
        var blinded = new byte[values.Length];
        var unblinders = new byte[values.Length];
        InvalidRsaValueException? failure = null;
        ParallelRange.For(count, maxDegreeOfParallelism, (from, to) =>
        {
            var ws = key.Backend.Workspace;
            using var f = ws.Frame(5);
            int n = f[0], e = f[1], m = f[2], r = f[3], t = f[4];
            ws.Set(n, key.N);
            ws.Set(e, key.E);
            // 64 bits beyond n make r mod n uniform up to 2⁻⁶⁴.
            var random = new ulong[key.N.LimbCount + 1];
            for (var i = from; i < to; i++)
            {
                if (!TryLoad(ws, m, values, i, width, n))
                {
                    failure ??= OutOfRange(what, i);
                    return;
                }
                do
                {
                    RandomLimbs.Fill(null, random, key.Bits + 64);
                    ws.Set(r, random);
                    ws.Mod(r, r, n);
                }
                while (!ws.TryInvert(t, r, n));
                Store(ws, t, unblinders, i, width);
                ws.PowMod(t, r, e, n);
                ws.MulMod(t, t, m, n);
                Store(ws, t, blinded, i, width);
            }
        });
        return failure is null ? new RsaBlinding(blinded, unblinders) : throw failure;
    }

    /// <summary>x^d mod n for every x, through the CRT; a value outside 1..n − 1 fails naming <paramref name="what"/>.</summary>
    public static byte[] Sign(RsaPrivateKey key, byte[] values, string what = "a value", int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(key);
        var width = key.PublicKey.ValueBytes;
        var count = Count(values, width, what);
        using var timing = PhaseTimer.Start(Phase.Exponentiation);
        var signatures = new byte[values.Length];
        InvalidRsaValueException? failure = null;
        ParallelRange.For(count, maxDegreeOfParallelism, (from, to) =>
        {
            var ws = key.PublicKey.Backend.Workspace;
            using var f = ws.Frame(10);
            int n = f[0], p = f[1], q = f[2], dp = f[3], dq = f[4], qInverse = f[5], x = f[6], sp = f[7], sq = f[8], t = f[9];
            ws.Set(n, key.PublicKey.N);
            ws.Set(p, key.P);
            ws.Set(q, key.Q);
            ws.Set(dp, key.DP);
            ws.Set(dq, key.DQ);
            ws.Set(qInverse, key.QInverse);
            for (var i = from; i < to; i++)
            {
                if (!TryLoad(ws, x, values, i, width, n))
                {
                    failure ??= OutOfRange(what, i);
                    return;
                }
                ws.Mod(t, x, p);
                ws.PowMod(sp, t, dp, p);
                ws.Mod(t, x, q);
                ws.PowMod(sq, t, dq, q);
                // Garner: s = s_q + q · ((s_p − s_q) · q⁻¹ mod p).
                ws.Sub(sp, sp, sq);
                ws.MulMod(sp, sp, qInverse, p);
                ws.Mul(sp, sp, q);
                ws.Add(sp, sp, sq);
                Store(ws, sp, signatures, i, width);
            }
        });
        return failure is null ? signatures : throw failure;
    }

    /// <summary>
    /// The signatures m^d under the blinding, each checked against its m (s^e ≡ m), so that a signer who used
    /// another key or sent garbage fails here, naming <paramref name="what"/>, instead of emptying an intersection.
    /// </summary>
    public static byte[] Unblind(RsaPublicKey key, byte[] signedBlinded, RsaBlinding blinding, byte[] values, string what = "a signature", int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(blinding);
        var width = key.ValueBytes;
        var count = Count(signedBlinded, width, what);
        using var timing = PhaseTimer.Start(Phase.Exponentiation);
        if (signedBlinded.Length != values.Length || blinding.Unblinders.Length != values.Length)
        {
            throw new InvalidRsaValueException($"{what} answers {values.Length / width} blinded values with {count}");
        }
        var signatures = new byte[values.Length];
        InvalidRsaValueException? failure = null;
        ParallelRange.For(count, maxDegreeOfParallelism, (from, to) =>
        {
            var ws = key.Backend.Workspace;
            using var f = ws.Frame(6);
            int n = f[0], e = f[1], s = f[2], r = f[3], m = f[4], t = f[5];
            ws.Set(n, key.N);
            ws.Set(e, key.E);
            for (var i = from; i < to; i++)
            {
                if (!TryLoad(ws, s, signedBlinded, i, width, n))
                {
                    failure ??= OutOfRange(what, i);
                    return;
                }
                TryLoad(ws, r, blinding.Unblinders, i, width, n);
                TryLoad(ws, m, values, i, width, n);
                ws.MulMod(s, s, r, n);
                ws.PowMod(t, s, e, n);
                if (ws.Compare(t, m) != 0)
                {
                    failure ??= new InvalidRsaValueException($"{what} #{i} is not a signature of the value blinded for it under the signer's public key");
                    return;
                }
                Store(ws, s, signatures, i, width);
            }
        });
        return failure is null ? signatures : throw failure;
    }

    /// <summary>
    /// SHA-256 of each signature, <see cref="DigestBytes"/> bytes each: what the signer publishes for its own ids.
    /// A bare signature could be checked against any guessed id with the public key; its digest cannot.
    /// </summary>
    public static byte[] Digests(RsaPublicKey key, byte[] signatures, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(key);
        var width = key.ValueBytes;
        var count = Count(signatures, width, "signatures");
        using var timing = PhaseTimer.Start(Phase.Hashing);
        var digests = new byte[count * DigestBytes];
        ParallelRange.For(count, maxDegreeOfParallelism, (from, to) =>
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (var i = from; i < to; i++)
            {
                sha.AppendData("concord-rsa-psi-signature-v1"u8);
                sha.AppendData(signatures.AsSpan(i * width, width));
                sha.GetHashAndReset(digests.AsSpan(i * DigestBytes, DigestBytes));
            }
        });
        return digests;
    }

    /// <summary>Number of values in a packed buffer, with an error naming <paramref name="what"/> if it is ragged.</summary>
    public static int Count(byte[] packed, int width, string what)
    {
        ArgumentNullException.ThrowIfNull(packed);
        return packed.Length % width == 0
            ? packed.Length / width
            : throw new InvalidRsaValueException($"{what} is {packed.Length} bytes, not a whole number of {width}-byte values");
    }

    // SHA-512(digest ‖ counter) for counter = 0, 1, …, concatenated and cut to the output's length.
    private static void Stretch(ReadOnlySpan<byte> digest, Span<byte> output)
    {
        Span<byte> input = stackalloc byte[SaltedIdHash.DigestBytes + sizeof(uint)];
        Span<byte> block = stackalloc byte[SHA512.HashSizeInBytes];
        digest.CopyTo(input);
        for (uint counter = 0, at = 0; at < output.Length; counter++, at += (uint)block.Length)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(input[SaltedIdHash.DigestBytes..], counter);
            SHA512.HashData(input, block);
            block[..Math.Min(block.Length, output.Length - (int)at)].CopyTo(output[(int)at..]);
        }
    }

    /// <summary>Loads value <paramref name="index"/>; false when it is not in 1..n − 1.</summary>
    private static bool TryLoad(Workspace ws, int dst, byte[] packed, int index, int width, int n)
    {
        ws.Set(dst, BigNat.FromBigEndian(packed.AsSpan(index * width, width)));
        return ws.Sign(dst) > 0 && ws.Compare(dst, n) < 0;
    }

    private static void Store(Workspace ws, int src, byte[] packed, int index, int width) =>
        ws.Get(src).WriteBigEndian(packed.AsSpan(index * width, width));

    private static InvalidRsaValueException OutOfRange(string what, int index) =>
        new($"{what} #{index} is not a number between 1 and the modulus − 1");
}
