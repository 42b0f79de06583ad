namespace Concord.Crypto.Arithmetic;

/// <summary>
/// Thread-confined scratch registers holding signed big integers, operated on by one backend.
/// Algorithms are written once against this register machine, and every backend runs them; the registers
/// are reused across calls so that hot paths allocate nothing but their results.
/// Registers are claimed in LIFO frames (<see cref="Frame"/>) so that nested helpers never clobber their callers.
/// </summary>
public abstract class Workspace
{
    private int _top;

    public abstract IArithmeticBackend Backend { get; }

    /// <summary>Claims <paramref name="count"/> registers until the frame is disposed.</summary>
    public WorkspaceFrame Frame(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        EnsureRegisters(_top + count);
        var frame = new WorkspaceFrame(this, _top, count);
        _top += count;
        return frame;
    }

    internal void Release(int start, int count)
    {
        if (start + count != _top)
        {
            throw new InvalidOperationException("workspace frames must be released in the reverse order of claiming");
        }
        _top = start;
    }

    protected abstract void EnsureRegisters(int count);

    public abstract void Set(int dst, ReadOnlySpan<ulong> limbs);

    public void Set(int dst, BigNat value) => Set(dst, value.Limbs);

    public abstract void SetSmall(int dst, ulong value);

    public abstract void Copy(int dst, int src);

    /// <summary>The register's value; throws when it is negative.</summary>
    public abstract BigNat Get(int src);

    /// <summary>Writes the non-negative value zero-padded into <paramref name="destination"/>; throws when it does not fit.</summary>
    public abstract void CopyTo(int src, Span<ulong> destination);

    public abstract int Sign(int reg);

    public abstract int Compare(int a, int b);

    /// <summary>Bits in the absolute value (0 for zero).</summary>
    public abstract long BitLength(int reg);

    public abstract void Add(int dst, int a, int b);

    public abstract void AddSmall(int dst, int a, ulong b);

    public abstract void Sub(int dst, int a, int b);

    public abstract void SubSmall(int dst, int a, ulong b);

    public abstract void Mul(int dst, int a, int b);


    /// <summary>dst = a mod m, in [0, m), for positive m.</summary>
    public abstract void Mod(int dst, int a, int m);

    /// <summary>a mod m, in [0, m).</summary>
    public abstract ulong ModSmall(int a, ulong m);

    /// <summary>Floor division: q = ⌊a/d⌋, r = a − q·d; q and r must be different registers.</summary>
    public abstract void DivRem(int q, int r, int a, int d);

    public abstract void ShiftLeft(int dst, int a, int bits);

    /// <summary>dst = ⌊a / 2^bits⌋.</summary>
    public abstract void ShiftRight(int dst, int a, int bits);

    public virtual void MulMod(int dst, int a, int b, int m)
    {
        Mul(dst, a, b);
        Mod(dst, dst, m);
    }

    /// <summary>dst = b^e mod m for e ≥ 0 and positive m.</summary>
    public abstract void PowMod(int dst, int b, int e, int m);

    /// <summary>dst = a^-1 mod m; false (dst unspecified) when a has no inverse.</summary>
    public abstract bool TryInvert(int dst, int a, int m);

    public abstract void Gcd(int dst, int a, int b);

    /// <summary>True when a is prime with error probability at most 4^-rounds.</summary>
    public abstract bool IsProbablePrime(int a, int rounds);

    protected static void RequirePositiveModulus(int sign)
    {
        if (sign <= 0)
        {
            throw new DivideByZeroException("modulus must be positive");
        }
    }
}
