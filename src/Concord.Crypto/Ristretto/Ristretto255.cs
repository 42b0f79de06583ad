namespace Concord.Crypto.Ristretto;

/// <summary>
/// The ristretto255 prime-order group from libsodium: hash-to-group and scalar multiplication, one element at a
/// time. Batch work over many elements goes through <see cref="PointBatch"/>.
/// </summary>
public static unsafe class Ristretto255
{
    /// <summary>Bytes of an encoded group element.</summary>
    public const int PointBytes = 32;

    /// <summary>Bytes of a scalar (little-endian, reduced modulo the group order).</summary>
    public const int ScalarBytes = 32;

    /// <summary>Bytes of the uniform input to hash-to-group.</summary>
    public const int HashBytes = 64;

    private static readonly Lazy<bool> Ready = new(Initialise);

    /// <summary>Throws a clear error if libsodium cannot be loaded; every public operation calls it first.</summary>
    public static void EnsureAvailable() => _ = Ready.Value;

    /// <summary>A uniformly random non-zero scalar from libsodium's CSPRNG.</summary>
    public static byte[] RandomScalar()
    {
        EnsureAvailable();
        var scalar = new byte[ScalarBytes];
        fixed (byte* s = scalar)
        {
            SodiumNative.ScalarRandom(s);
        }
        return scalar;
    }

    /// <summary>The scalar s⁻¹ with s·s⁻¹ = 1 modulo the group order.</summary>
    public static byte[] Invert(ReadOnlySpan<byte> scalar)
    {
        RequireLength(scalar, ScalarBytes, "scalar");
        EnsureAvailable();
        var inverse = new byte[ScalarBytes];
        fixed (byte* i = inverse)
        fixed (byte* s = scalar)
        {
            if (SodiumNative.ScalarInvert(i, s) != 0)
            {
                throw new ArgumentException("the zero scalar has no inverse", nameof(scalar));
            }
        }
        return inverse;
    }

    /// <summary>Maps 64 uniform bytes (e.g. a SHA-512 digest) to a group element.</summary>
    public static void FromHash(ReadOnlySpan<byte> hash, Span<byte> point)
    {
        RequireLength(hash, HashBytes, "hash");
        RequireLength(point, PointBytes, "point");
        EnsureAvailable();
        fixed (byte* h = hash)
        fixed (byte* p = point)
        {
            _ = SodiumNative.FromHash(p, h);
        }
    }

    /// <summary>result = scalar·point; fails on an encoding that is not a valid group element, or a zero result.</summary>
    public static void Multiply(ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> point, Span<byte> result)
    {
        RequireLength(scalar, ScalarBytes, "scalar");
        RequireLength(point, PointBytes, "point");
        RequireLength(result, PointBytes, "result");
        EnsureAvailable();
        fixed (byte* s = scalar)
        fixed (byte* p = point)
        fixed (byte* r = result)
        {
            if (SodiumNative.ScalarMult(r, s, p) != 0)
            {
                throw new InvalidGroupElementException("a value is not a valid ristretto255 group element (or multiplies to the identity)");
            }
        }
    }

    private static void RequireLength(ReadOnlySpan<byte> bytes, int length, string what)
    {
        if (bytes.Length != length)
        {
            throw new ArgumentException($"a ristretto255 {what} is {length} bytes, not {bytes.Length}", what);
        }
    }

    private static bool Initialise()
    {
        try
        {
            if (SodiumNative.Init() < 0)
            {
                throw new InvalidOperationException($"{SodiumNative.Library} failed to initialise (sodium_init returned an error)");
            }
        }
        catch (DllNotFoundException ex)
        {
            throw new InvalidOperationException(
                $"{SodiumNative.Library} is not installed; ECDH-PSI needs libsodium (Debian/Ubuntu: apt-get install libsodium23)", ex);
        }
        catch (EntryPointNotFoundException ex)
        {
            throw new InvalidOperationException($"{SodiumNative.Library} lacks ristretto255 (libsodium 1.0.18 or later is needed)", ex);
        }
        return true;
    }
}
