using System.Numerics;

namespace Concord.Crypto.Arithmetic;

/// <summary>
/// Powers of one fixed base, base^(d·2^(w·j)) mod m for every w-bit digit d of window j, so that base^e costs one
/// modular multiplication per non-zero digit of e and no squarings: about 56 multiplications for a 448-bit exponent
/// instead of the ~530 of a sliding-window powm. Where the backend offers Montgomery multiplication, the entries are
/// kept in Montgomery form and multiplied without a division. Immutable once built and shared by all threads.
/// </summary>
internal sealed class FixedBaseTable
{
    private const int WindowBits = 8;
    private const int DigitsPerWindow = (1 << WindowBits) - 1;

    private readonly ulong[] _entries;
    private readonly int _stride;
    private readonly int _windows;

    private readonly MontgomeryModulus? _montgomery;

    private FixedBaseTable(BigNat modulus, int maxExponentBits, ulong[] entries, int stride, int windows, MontgomeryModulus? montgomery)
    {
        Modulus = modulus;
        MaxExponentBits = maxExponentBits;
        _entries = entries;
        _stride = stride;
        _windows = windows;
        _montgomery = montgomery;
    }

    public BigNat Modulus { get; }

    public int MaxExponentBits { get; }

    public static FixedBaseTable Build(Workspace ws, BigNat generator, BigNat modulus, int maxExponentBits)
    {
        var windows = (maxExponentBits + WindowBits - 1) / WindowBits;
        var stride = modulus.LimbCount;
        var entries = new ulong[checked(windows * DigitsPerWindow * stride)];
        using var f = ws.Frame(3);
        int g = f[0], acc = f[1], m = f[2];
        ws.Set(m, modulus);
        ws.Set(g, generator);
        ws.Mod(g, g, m);
        for (var j = 0; j < windows; j++)
        {
            ws.Copy(acc, g);
            ws.CopyTo(acc, entries.AsSpan(Offset(j, 1, stride), stride));
            for (var d = 2; d <= DigitsPerWindow; d++)
            {
                ws.MulMod(acc, acc, g, m);
                ws.CopyTo(acc, entries.AsSpan(Offset(j, d, stride), stride));
            }
            ws.MulMod(g, acc, g, m); // g^(2^w): the next window's generator
        }
        var montgomery = MontgomeryModulus.For(ws.Backend, modulus);
        if (montgomery is not null && montgomery.Limbs == stride)
        {
            for (var offset = 0; offset < entries.Length; offset += stride)
            {
                var entry = entries.AsSpan(offset, stride);
                montgomery.ToMontgomery(entry, entry);
            }
        }
        else
        {
            montgomery = null;
        }
        return new FixedBaseTable(modulus, maxExponentBits, entries, stride, windows, montgomery);
    }

    /// <summary>dst = base^exponent mod m; <paramref name="modulus"/> must hold <see cref="Modulus"/>.</summary>
    public void Power(Workspace ws, int dst, ReadOnlySpan<ulong> exponent, int scratch, int modulus)
    {
        var used = BigNat.UsedLength(exponent);
        if (used > 0 && (used * 64) - BitOperations.LeadingZeroCount(exponent[used - 1]) > MaxExponentBits)
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), $"exponent exceeds the table's {MaxExponentBits} bits");
        }
        Span<int> offsets = stackalloc int[_windows];
        var count = EntryOffsets(exponent, offsets);
        if (count == 0)
        {
            ws.SetSmall(dst, 1);
        }
        else if (_montgomery is not null)
        {
            Span<ulong> acc = stackalloc ulong[_stride];
            Span<ulong> work = stackalloc ulong[2 * _stride];
            _entries.AsSpan(offsets[0], _stride).CopyTo(acc);
            foreach (var offset in offsets[1..count])
            {
                _montgomery.Multiply(acc, _entries.AsSpan(offset, _stride), acc, work);
            }
            _montgomery.Reduce(acc, acc, work);
            ws.Set(dst, acc);
        }
        else
        {
            ws.Set(dst, _entries.AsSpan(offsets[0], _stride));
            foreach (var offset in offsets[1..count])
            {
                ws.Set(scratch, _entries.AsSpan(offset, _stride));
                ws.MulMod(dst, dst, scratch, modulus);
            }
        }
    }

    /// <summary>Where the entry of each non-zero digit of the exponent starts; returns how many there are.</summary>
    private int EntryOffsets(ReadOnlySpan<ulong> exponent, Span<int> offsets)
    {
        var count = 0;
        for (var j = 0; j < _windows; j++)
        {
            var d = Digit(exponent, j * WindowBits);
            if (d != 0)
            {
                offsets[count++] = Offset(j, d, _stride);
            }
        }
        return count;
    }

    private static int Offset(int window, int digit, int stride) => checked(((window * DigitsPerWindow) + digit - 1) * stride);

    private static int Digit(ReadOnlySpan<ulong> limbs, int bit)
    {
        var limb = bit >> 6;
        return limb < limbs.Length ? (int)((limbs[limb] >> (bit & 63)) & DigitsPerWindow) : 0;
    }
}
