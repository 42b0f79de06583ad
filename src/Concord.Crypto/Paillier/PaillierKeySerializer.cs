using System.Buffers.Binary;
using Concord.Crypto.Arithmetic;

namespace Concord.Crypto.Paillier;

/// <summary>
/// Binary key formats: a 4-byte tag ("CPK1" public, "CSK1" private), the obfuscation exponent bits (int32 big-endian),
/// then each number as an int32 big-endian length and its big-endian bytes: n for a public key, p and q for a private one.
/// </summary>
internal static class PaillierKeySerializer
{
    private static ReadOnlySpan<byte> PublicTag => "CPK1"u8;

    private static ReadOnlySpan<byte> PrivateTag => "CSK1"u8;

    private const int PrimalityRounds = 20;

    public static byte[] Write(PaillierPublicKey key)
    {
        using var stream = new MemoryStream();
        WriteHeader(stream, PublicTag, key.ObfuscationExponentBits);
        WriteNumber(stream, key.N);
        return stream.ToArray();
    }

    public static byte[] Write(PaillierPrivateKey key)
    {
        using var stream = new MemoryStream();
        WriteHeader(stream, PrivateTag, key.PublicKey.ObfuscationExponentBits);
        WriteNumber(stream, key.P);
        WriteNumber(stream, key.Q);
        return stream.ToArray();
    }

    public static PaillierPublicKey ReadPublic(ReadOnlySpan<byte> bytes, IArithmeticBackend? backend)
    {
        const string what = "Paillier public key";
        var exponentBits = ReadHeader(ref bytes, PublicTag, what);
        var n = ReadNumber(ref bytes, what, "n");
        RequireEnd(bytes, what);
        return new PaillierPublicKey(n, exponentBits, backend);
    }

    public static PaillierPrivateKey ReadPrivate(ReadOnlySpan<byte> bytes, IArithmeticBackend? backend)
    {
        const string what = "Paillier private key";
        var exponentBits = ReadHeader(ref bytes, PrivateTag, what);
        var p = ReadNumber(ref bytes, what, "p");
        var q = ReadNumber(ref bytes, what, "q");
        RequireEnd(bytes, what);
        backend ??= ArithmeticBackends.Default;
        RequirePrime(backend, p, what, "p");
        RequirePrime(backend, q, what, "q");
        return PaillierKeyPair.FromPrimes(p, q, exponentBits, backend).PrivateKey;
    }

    private static void WriteHeader(Stream stream, ReadOnlySpan<byte> tag, int exponentBits)
    {
        stream.Write(tag);
        Span<byte> int32 = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(int32, exponentBits);
        stream.Write(int32);
    }

    private static void WriteNumber(Stream stream, BigNat value)
    {
        Span<byte> int32 = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(int32, value.ByteLength);
        stream.Write(int32);
        stream.Write(value.ToBigEndian());
    }

    private static int ReadHeader(ref ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> tag, string what)
    {
        if (bytes.Length < 8 || !bytes[..4].SequenceEqual(tag))
        {
            throw new FormatException($"{what}: does not start with the tag '{System.Text.Encoding.ASCII.GetString(tag)}'");
        }
        var exponentBits = BinaryPrimitives.ReadInt32BigEndian(bytes[4..8]);
        bytes = bytes[8..];
        return exponentBits;
    }

    private static BigNat ReadNumber(ref ReadOnlySpan<byte> bytes, string what, string field)
    {
        if (bytes.Length < 4)
        {
            throw new FormatException($"{what}: field '{field}' is missing");
        }
        var length = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (length < 0 || length > bytes.Length - 4)
        {
            throw new FormatException($"{what}: field '{field}' claims {length} bytes but {bytes.Length - 4} remain");
        }
        var value = BigNat.FromBigEndian(bytes.Slice(4, length));
        bytes = bytes[(4 + length)..];
        return value;
    }

    private static void RequireEnd(ReadOnlySpan<byte> bytes, string what)
    {
        if (!bytes.IsEmpty)
        {
            throw new FormatException($"{what}: {bytes.Length} unexpected bytes after the last field");
        }
    }

    private static void RequirePrime(IArithmeticBackend backend, BigNat value, string what, string field)
    {
        var ws = backend.Workspace;
        using var f = ws.Frame(1);
        ws.Set(f[0], value);
        if (!ws.IsProbablePrime(f[0], PrimalityRounds))
        {
            throw new FormatException($"{what}: field '{field}' is not prime");
        }
    }
}
