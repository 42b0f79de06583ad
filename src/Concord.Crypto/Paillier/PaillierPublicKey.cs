using System.Security.Cryptography;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Profiling;

namespace Concord.Crypto.Paillier;

/// <summary>
/// A Paillier public key with g = n + 1, encrypting as c = (1 + m·n) · h_s^x mod n², where h_s = h^n is a fixed
/// n-th residue and x a short random exponent (Damgård–Jurik–Nielsen). h is derived from n by hashing, so anyone can
/// recompute h_s and no key owner can plant a weak one; h_s^x comes from a precomputed fixed-base table.
/// </summary>
public sealed class PaillierPublicKey : IEquatable<PaillierPublicKey>
{
    private readonly Lazy<BigNat> _obfuscationBase;
    private readonly Lazy<FixedBaseTable> _obfuscationTable;
    private readonly Lazy<MontgomeryModulus?> _ciphertextMontgomery;

    /// <param name="n">The modulus: odd, of at least 16 bits.</param>
    /// <param name="obfuscationExponentBits">Bits of the DJN exponent x; null picks <see cref="DefaultObfuscationExponentBits"/>.</param>
    /// <param name="backend">Arithmetic to use; null picks <see cref="ArithmeticBackends.Default"/>.</param>
    public PaillierPublicKey(BigNat n, int? obfuscationExponentBits = null, IArithmeticBackend? backend = null)
    {
        if (n.BitLength < 16 || n.IsEven)
        {
            throw new ArgumentException($"Paillier public key: field 'n' must be odd with at least 16 bits (got {n.BitLength} bits)", nameof(n));
        }
        N = n;
        Bits = n.BitLength;
        ObfuscationExponentBits = obfuscationExponentBits ?? DefaultObfuscationExponentBits(Bits);
        if (ObfuscationExponentBits is < 64 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(obfuscationExponentBits), ObfuscationExponentBits,
                "Paillier public key: field 'obfuscationExponentBits' must be between 64 and 4096");
        }
        Backend = backend ?? ArithmeticBackends.Default;
        var ws = Backend.Workspace;
        using (var f = ws.Frame(3))
        {
            ws.Set(f[0], n);
            ws.Mul(f[1], f[0], f[0]);
            NSquared = ws.Get(f[1]);
            ws.SetSmall(f[2], 3);
            ws.DivRem(f[1], f[0], f[0], f[2]);
            ws.SubSmall(f[1], f[1], 1);
            MaxInt = ws.Get(f[1]);
        }
        CiphertextLimbs = NSquared.LimbCount;
        CiphertextByteLength = ((2 * Bits) + 7) / 8;
        _obfuscationBase = new Lazy<BigNat>(DeriveObfuscationBase);
        _ciphertextMontgomery = new Lazy<MontgomeryModulus?>(() => MontgomeryModulus.For(Backend, NSquared));
        _obfuscationTable = new Lazy<FixedBaseTable>(() =>
            FixedBaseTable.Build(Backend.Workspace, ObfuscationBase, NSquared, ObfuscationExponentBits));
    }

    public BigNat N { get; }

    public BigNat NSquared { get; }

    /// <summary>Bits in n.</summary>
    public int Bits { get; }

    public int ObfuscationExponentBits { get; }

    public IArithmeticBackend Backend { get; }

    /// <summary>⌊n/3⌋ − 1: the largest magnitude a signed plaintext may have (python-paillier's max_int).</summary>
    public BigNat MaxInt { get; }

    /// <summary>Bytes of a serialised ciphertext: every one has this length.</summary>
    public int CiphertextByteLength { get; }

    internal int CiphertextLimbs { get; }

    /// <summary>h_s = h^n mod n², the fixed base of the obfuscator.</summary>
    public BigNat ObfuscationBase => _obfuscationBase.Value;

    internal FixedBaseTable ObfuscationTable => _obfuscationTable.Value;

    /// <summary>Montgomery multiplication modulo n², for bulk ciphertext additions; null when the backend has none.</summary>
    internal MontgomeryModulus? CiphertextMontgomery => _ciphertextMontgomery.Value;

    /// <summary>
    /// Twice the 2κ bits that generic attacks on a short exponent need for κ-bit security at this modulus size
    /// (NIST SP 800-57: 80, 112, 128, 192, 256 bits), so 448 bits at 2048, the exponent the reference benchmark uses.
    /// </summary>
    public static int DefaultObfuscationExponentBits(int modulusBits) => 4 * modulusBits switch
    {
        <= 1024 => 80,
        <= 2048 => 112,
        <= 3072 => 128,
        <= 7680 => 192,
        _ => 256,
    };

    /// <summary>Encrypts m ∈ [0, n) with fresh randomness from <paramref name="rng"/> (the system CSPRNG when null).</summary>
    public Ciphertext Encrypt(BigNat plaintext, RandomNumberGenerator? rng = null)
    {
        using var timing = PhaseTimer.Start(Phase.Encrypt);
        Span<ulong> x = stackalloc ulong[ObfuscationExponentLimbs];
        DrawObfuscationExponent(rng, x);
        return new Ciphertext(this, EncryptWith(Backend.Workspace, plaintext, x));
    }

    internal int ObfuscationExponentLimbs => (ObfuscationExponentBits + 63) / 64;

    internal void DrawObfuscationExponent(RandomNumberGenerator? rng, Span<ulong> exponent) =>
        RandomLimbs.Fill(rng, exponent, ObfuscationExponentBits);

    /// <summary>(1 + m·n) · h_s^x mod n² for a given exponent x: the whole public encryption.</summary>
    internal BigNat EncryptWith(Workspace ws, BigNat plaintext, ReadOnlySpan<ulong> exponent)
    {
        RequirePlaintext(plaintext);
        using var f = ws.Frame(4);
        int c = f[0], scratch = f[1], n2 = f[2], g = f[3];
        ws.Set(n2, NSquared);
        ObfuscationTable.Power(ws, c, exponent, scratch, n2);
        PlaintextFactor(ws, g, plaintext, scratch);
        ws.MulMod(c, c, g, n2);
        return ws.Get(c);
    }

    /// <summary>dst = g^m = 1 + m·n (already below n² for m &lt; n, so no reduction is needed).</summary>
    internal void PlaintextFactor(Workspace ws, int dst, BigNat plaintext, int scratch)
    {
        ws.Set(dst, plaintext);
        ws.Set(scratch, N);
        ws.Mul(dst, dst, scratch);
        ws.AddSmall(dst, dst, 1);
    }

    internal void RequirePlaintext(BigNat plaintext)
    {
        if (plaintext >= N)
        {
            throw new ArgumentOutOfRangeException(nameof(plaintext), $"plaintext must be below n ({plaintext.BitLength} bits vs n's {Bits})");
        }
    }

    /// <summary>Checks that a received ciphertext is in [1, n²) and coprime to n; anything else would decrypt to garbage.</summary>
    public Ciphertext ValidateCiphertext(BigNat value, string what = "ciphertext")
    {
        RequireInRange(value, what);
        var ws = Backend.Workspace;
        using var f = ws.Frame(3);
        ws.Set(f[0], value);
        ws.Set(f[1], N);
        ws.Gcd(f[2], f[0], f[1]);
        if (ws.BitLength(f[2]) != 1)
        {
            throw new InvalidCiphertextException($"{what} is not coprime to n (it shares a factor with the modulus)");
        }
        return new Ciphertext(this, value);
    }

    internal void RequireInRange(BigNat value, string what)
    {
        if (value.IsZero || value >= NSquared)
        {
            throw new InvalidCiphertextException($"{what} is out of range: it must be in [1, n²) for this {Bits}-bit key");
        }
    }

    /// <summary>Reads a ciphertext written by <see cref="Ciphertext.ToBytes"/>, validating it.</summary>
    public Ciphertext CiphertextFromBytes(ReadOnlySpan<byte> bytes, string what = "ciphertext")
    {
        if (bytes.Length != CiphertextByteLength)
        {
            throw new InvalidCiphertextException($"{what} has {bytes.Length} bytes; a {Bits}-bit key's ciphertexts have {CiphertextByteLength}");
        }
        return ValidateCiphertext(BigNat.FromBigEndian(bytes), what);
    }

    public byte[] ToBytes() => PaillierKeySerializer.Write(this);

    public static PaillierPublicKey FromBytes(ReadOnlySpan<byte> bytes, IArithmeticBackend? backend = null) =>
        PaillierKeySerializer.ReadPublic(bytes, backend);

    public bool Equals(PaillierPublicKey? other) =>
        other is not null && (ReferenceEquals(this, other) || (N == other.N && ObfuscationExponentBits == other.ObfuscationExponentBits));

    public override bool Equals(object? obj) => Equals(obj as PaillierPublicKey);

    public override int GetHashCode() => HashCode.Combine(N, ObfuscationExponentBits);

    internal void RequireSameKey(PaillierPublicKey other, string what)
    {
        if (!Equals(other))
        {
            throw new ArgumentException($"{what} was encrypted under a different Paillier key");
        }
    }

    /// <summary>h = −x² mod n for x hashed from n (as DJN choose h), then h_s = h^n mod n².</summary>
    private BigNat DeriveObfuscationBase()
    {
        var ws = Backend.Workspace;
        using var f = ws.Frame(4);
        int h = f[0], n = f[1], n2 = f[2], t = f[3];
        ws.Set(n, N);
        ws.Set(n2, NSquared);
        var nBytes = N.ToBigEndian();
        for (var counter = 0; ; counter++)
        {
            ws.Set(h, HashToLimbs(nBytes, counter, Bits + 128));
            ws.Mod(h, h, n);
            ws.MulMod(h, h, h, n);
            ws.Sub(h, n, h);
            ws.Gcd(t, h, n);
            if (ws.BitLength(t) == 1)
            {
                ws.PowMod(h, h, n, n2);
                return ws.Get(h);
            }
        }
    }

    private static ulong[] HashToLimbs(byte[] n, int counter, int bits)
    {
        var output = new byte[(bits + 7) / 8];
        var block = new byte[32];
        for (var i = 0; i * 32 < output.Length; i++)
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha.AppendData("concord/paillier/djn-base"u8);
            sha.AppendData(BitConverter.GetBytes(counter));
            sha.AppendData(BitConverter.GetBytes(i));
            sha.AppendData(n);
            sha.GetHashAndReset(block);
            block.AsSpan(0, Math.Min(32, output.Length - (i * 32))).CopyTo(output.AsSpan(i * 32));
        }
        return BigNat.FromBigEndian(output).Limbs.ToArray();
    }
}
