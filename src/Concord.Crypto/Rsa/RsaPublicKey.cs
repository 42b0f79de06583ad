using Concord.Crypto.Arithmetic;

namespace Concord.Crypto.Rsa;

/// <summary>An RSA public key (n, e): what a signer hands out so that others can blind values for it and check its signatures.</summary>
public sealed class RsaPublicKey
{
    public const ulong StandardExponent = 65537;

    /// <summary>The largest modulus accepted from a peer; bounds the buffers a hostile key could ask for.</summary>
    public const int MaxBits = 16384;

    internal RsaPublicKey(BigNat n, BigNat e, IArithmeticBackend backend)
    {
        N = n;
        E = e;
        Backend = backend;
    }

    public BigNat N { get; }

    public BigNat E { get; }

    public int Bits => N.BitLength;

    /// <summary>Bytes of one value modulo n when packed: fixed width, big-endian.</summary>
    public int ValueBytes => N.ByteLength;

    internal IArithmeticBackend Backend { get; }

    /// <summary>
    /// A key received from a peer, checked for shape: n odd and at most <see cref="MaxBits"/> bits, e odd with
    /// 3 ≤ e &lt; n. Whether n really is a product of two primes cannot be checked here.
    /// </summary>
    public static RsaPublicKey FromBigEndian(ReadOnlySpan<byte> modulus, ReadOnlySpan<byte> exponent, IArithmeticBackend? backend = null)
    {
        var n = BigNat.FromBigEndian(modulus);
        var e = BigNat.FromBigEndian(exponent);
        if (n.IsEven || n.BitLength < 64 || n.BitLength > MaxBits)
        {
            throw new ArgumentException($"RSA public key: the modulus must be odd and of 64 to {MaxBits} bits (it has {n.BitLength} bits{(n.IsEven ? " and is even" : "")})");
        }
        if (e.IsEven || e < 3 || e >= n)
        {
            throw new ArgumentException($"RSA public key: the exponent must be odd, at least 3 and below the modulus (it is {e})");
        }
        return new RsaPublicKey(n, e, backend ?? ArithmeticBackends.Default);
    }
}
