using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Concord.Crypto.Arithmetic;

/// <summary>
/// An immutable non-negative integer held as little-endian 64-bit limbs: the representation every backend reads
/// and writes, so that keys and ciphertexts do not depend on which backend made them.
/// </summary>
public readonly struct BigNat : IEquatable<BigNat>, IComparable<BigNat>
{
    // Normalised: never a most-significant zero limb, so equal values have equal arrays. Null means zero.
    private readonly ulong[]? _limbs;

    private BigNat(ulong[]? limbs) => _limbs = limbs;

    public static BigNat Zero => default;

    public static BigNat One { get; } = FromUInt64(1);

    public ReadOnlySpan<ulong> Limbs => _limbs;

    public int LimbCount => _limbs?.Length ?? 0;

    public bool IsZero => LimbCount == 0;

    public bool IsEven => IsZero || (_limbs![0] & 1) == 0;

    public int BitLength => IsZero ? 0 : (LimbCount * 64) - BitOperations.LeadingZeroCount(_limbs![^1]);

    /// <summary>Bytes of the minimal big-endian form (zero has length 0).</summary>
    public int ByteLength => (BitLength + 7) / 8;

    public static BigNat FromUInt64(ulong value) => value == 0 ? default : new BigNat([value]);

    /// <summary>Copies the limbs, dropping most-significant zeros.</summary>
    public static BigNat FromLimbs(ReadOnlySpan<ulong> limbs)
    {
        var used = UsedLength(limbs);
        return used == 0 ? default : new BigNat(limbs[..used].ToArray());
    }

    /// <summary>Adopts a buffer the caller will never touch again, avoiding a copy on hot paths.</summary>
    internal static BigNat Adopt(ulong[] limbs, int used)
    {
        used = UsedLength(limbs.AsSpan(0, used));
        if (used == 0)
        {
            return default;
        }
        return new BigNat(used == limbs.Length ? limbs : limbs[..used]);
    }

    public static BigNat FromBigInteger(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "a BigNat cannot hold a negative number");
        }
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: false);
        var limbs = new ulong[(bytes.Length + 7) / 8];
        bytes.CopyTo(MemoryMarshal.AsBytes(limbs.AsSpan()));
        return Adopt(limbs, limbs.Length);
    }

    public BigInteger ToBigInteger() =>
        IsZero ? BigInteger.Zero : new BigInteger(MemoryMarshal.AsBytes(Limbs), isUnsigned: true, isBigEndian: false);

    public static BigNat FromBigEndian(ReadOnlySpan<byte> bytes)
    {
        var limbs = new ulong[(bytes.Length + 7) / 8];
        for (var i = 0; i < limbs.Length; i++)
        {
            var end = bytes.Length - (i * 8);
            var start = Math.Max(0, end - 8);
            ulong limb = 0;
            foreach (var b in bytes[start..end])
            {
                limb = (limb << 8) | b;
            }
            limbs[i] = limb;
        }
        return Adopt(limbs, limbs.Length);
    }

    /// <summary>Writes the value big-endian into exactly <paramref name="destination"/>, zero-padded on the left.</summary>
    public void WriteBigEndian(Span<byte> destination)
    {
        if (ByteLength > destination.Length)
        {
            throw new ArgumentException($"a {BitLength}-bit number does not fit in {destination.Length} bytes", nameof(destination));
        }
        destination.Clear();
        var limbs = Limbs;
        Span<byte> word = stackalloc byte[8];
        for (var i = 0; i < limbs.Length; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(word, limbs[i]);
            var end = destination.Length - (i * 8);
            var take = Math.Min(8, end);
            word[(8 - take)..].CopyTo(destination[(end - take)..end]);
        }
    }

    public byte[] ToBigEndian(int length)
    {
        var bytes = new byte[length];
        WriteBigEndian(bytes);
        return bytes;
    }

    public byte[] ToBigEndian() => ToBigEndian(ByteLength);

    /// <summary>The value as a UInt64, or an exception naming the size when it does not fit.</summary>
    public ulong ToUInt64() => LimbCount switch
    {
        0 => 0,
        1 => _limbs![0],
        _ => throw new OverflowException($"a {BitLength}-bit number does not fit in 64 bits"),
    };

    public BigNat ShiftLeft(int bits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bits);
        if (IsZero)
        {
            return this;
        }
        var limbShift = bits >> 6;
        var bitShift = bits & 63;
        var result = new ulong[LimbCount + limbShift + 1];
        for (var i = 0; i < LimbCount; i++)
        {
            result[i + limbShift] |= _limbs![i] << bitShift;
            if (bitShift != 0)
            {
                result[i + limbShift + 1] = _limbs[i] >> (64 - bitShift);
            }
        }
        return Adopt(result, result.Length);
    }

    public static BigNat operator +(BigNat a, BigNat b)
    {
        var (longer, shorter) = a.LimbCount >= b.LimbCount ? (a, b) : (b, a);
        var result = new ulong[longer.LimbCount + 1];
        ulong carry = 0;
        for (var i = 0; i < longer.LimbCount; i++)
        {
            var x = longer._limbs![i];
            var y = i < shorter.LimbCount ? shorter._limbs![i] : 0;
            var sum = x + y;
            var c1 = sum < x ? 1UL : 0;
            sum += carry;
            var c2 = sum < carry ? 1UL : 0;
            result[i] = sum;
            carry = c1 | c2;
        }
        result[^1] = carry;
        return Adopt(result, result.Length);
    }

    /// <summary>a − b; throws when b &gt; a, since a BigNat has no sign.</summary>
    public static BigNat operator -(BigNat a, BigNat b)
    {
        if (a < b)
        {
            throw new OverflowException("BigNat subtraction would go below zero");
        }
        var result = new ulong[a.LimbCount];
        ulong borrow = 0;
        for (var i = 0; i < result.Length; i++)
        {
            var x = a._limbs![i];
            var y = i < b.LimbCount ? b._limbs![i] : 0;
            var diff = x - y;
            var b1 = x < y ? 1UL : 0;
            var diff2 = diff - borrow;
            var b2 = diff < borrow ? 1UL : 0;
            result[i] = diff2;
            borrow = b1 | b2;
        }
        return Adopt(result, result.Length);
    }

    public int CompareTo(BigNat other)
    {
        if (LimbCount != other.LimbCount)
        {
            return LimbCount.CompareTo(other.LimbCount);
        }
        for (var i = LimbCount - 1; i >= 0; i--)
        {
            if (_limbs![i] != other._limbs![i])
            {
                return _limbs[i].CompareTo(other._limbs[i]);
            }
        }
        return 0;
    }

    public bool Equals(BigNat other) => Limbs.SequenceEqual(other.Limbs);

    public override bool Equals(object? obj) => obj is BigNat other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(MemoryMarshal.AsBytes(Limbs));
        return hash.ToHashCode();
    }

    public override string ToString() => ToBigInteger().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool operator ==(BigNat left, BigNat right) => left.Equals(right);

    public static bool operator !=(BigNat left, BigNat right) => !left.Equals(right);

    public static bool operator <(BigNat left, BigNat right) => left.CompareTo(right) < 0;

    public static bool operator >(BigNat left, BigNat right) => left.CompareTo(right) > 0;

    public static bool operator <=(BigNat left, BigNat right) => left.CompareTo(right) <= 0;

    public static bool operator >=(BigNat left, BigNat right) => left.CompareTo(right) >= 0;

    public static implicit operator BigNat(ulong value) => FromUInt64(value);

    internal static int UsedLength(ReadOnlySpan<ulong> limbs)
    {
        var used = limbs.Length;
        while (used > 0 && limbs[used - 1] == 0)
        {
            used--;
        }
        return used;
    }
}
