using System.Runtime.InteropServices;
using Concord.Crypto.Arithmetic;

namespace Concord.Crypto.Gmp;

/// <summary>Registers as native <c>mpz_t</c> structs, initialised once and reused, so GMP keeps its limb buffers warm.</summary>
internal sealed unsafe class GmpWorkspace : Workspace
{
    private MpzStruct* _registers;
    private int _capacity;

    public GmpWorkspace(IArithmeticBackend backend) => Backend = backend;

    ~GmpWorkspace()
    {
        for (var i = 0; i < _capacity; i++)
        {
            GmpNative.Clear(_registers + i);
        }
        NativeMemory.Free(_registers);
    }

    public override IArithmeticBackend Backend { get; }

    protected override void EnsureRegisters(int count)
    {
        if (count <= _capacity)
        {
            return;
        }
        var capacity = Math.Max(count, Math.Max(16, _capacity * 2));
        // Moving the structs is safe: GMP keeps no pointer back to an mpz_t, only from it to its limbs.
        _registers = (MpzStruct*)NativeMemory.Realloc(_registers, (nuint)(capacity * sizeof(MpzStruct)));
        for (var i = _capacity; i < capacity; i++)
        {
            GmpNative.Init(_registers + i);
        }
        _capacity = capacity;
    }

    private MpzStruct* R(int index) =>
        (uint)index < (uint)_capacity ? _registers + index : throw new ArgumentOutOfRangeException(nameof(index));

    private MpzStruct* Modulus(int index)
    {
        var m = R(index);
        RequirePositiveModulus(m->Size);
        return m;
    }

    public override void Set(int dst, ReadOnlySpan<ulong> limbs)
    {
        var used = BigNat.UsedLength(limbs);
        var r = R(dst);
        if (used == 0)
        {
            GmpNative.SetUi(r, 0);
            return;
        }
        var target = GmpNative.LimbsWrite(r, used);
        limbs[..used].CopyTo(new Span<ulong>(target, used));
        GmpNative.LimbsFinish(r, used);
    }

    public override void SetSmall(int dst, ulong value) => GmpNative.SetUi(R(dst), value);

    public override void Copy(int dst, int src) => GmpNative.Set(R(dst), R(src));

    public override BigNat Get(int src)
    {
        var r = R(src);
        if (r->Size < 0)
        {
            throw new InvalidOperationException("register holds a negative number");
        }
        var limbs = new ulong[r->Size];
        new ReadOnlySpan<ulong>((void*)r->Limbs, r->Size).CopyTo(limbs);
        return BigNat.Adopt(limbs, limbs.Length);
    }

    public override void CopyTo(int src, Span<ulong> destination)
    {
        var r = R(src);
        if (r->Size < 0 || r->Size > destination.Length)
        {
            throw new ArgumentException($"register value ({r->Size} limbs, signed) does not fit {destination.Length} limbs");
        }
        new ReadOnlySpan<ulong>((void*)r->Limbs, r->Size).CopyTo(destination);
        destination[r->Size..].Clear();
    }

    public override int Sign(int reg) => Math.Sign(R(reg)->Size);

    public override int Compare(int a, int b) => Math.Sign(GmpNative.Cmp(R(a), R(b)));

    public override long BitLength(int reg) => R(reg)->Size == 0 ? 0 : (long)GmpNative.SizeInBase(R(reg), 2);

    public override void Add(int dst, int a, int b) => GmpNative.Add(R(dst), R(a), R(b));

    public override void AddSmall(int dst, int a, ulong b) => GmpNative.AddUi(R(dst), R(a), b);

    public override void Sub(int dst, int a, int b) => GmpNative.Sub(R(dst), R(a), R(b));

    public override void SubSmall(int dst, int a, ulong b) => GmpNative.SubUi(R(dst), R(a), b);

    public override void Mul(int dst, int a, int b) => GmpNative.Mul(R(dst), R(a), R(b));


    public override void Mod(int dst, int a, int m) => GmpNative.Mod(R(dst), R(a), Modulus(m));

    public override ulong ModSmall(int a, ulong m)
    {
        RequirePositiveModulus(m == 0 ? 0 : 1);
        return GmpNative.FdivUi(R(a), m);
    }

    public override void DivRem(int q, int r, int a, int d)
    {
        if (q == r)
        {
            throw new ArgumentException("quotient and remainder need different registers");
        }
        if (R(d)->Size == 0)
        {
            throw new DivideByZeroException();
        }
        GmpNative.FdivQr(R(q), R(r), R(a), R(d));
    }

    public override void ShiftLeft(int dst, int a, int bits) => GmpNative.Mul2Exp(R(dst), R(a), checked((ulong)bits));

    public override void ShiftRight(int dst, int a, int bits) => GmpNative.FdivQ2Exp(R(dst), R(a), checked((ulong)bits));

    public override void PowMod(int dst, int b, int e, int m)
    {
        if (R(e)->Size < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(e), "exponent must not be negative");
        }
        GmpNative.PowM(R(dst), R(b), R(e), Modulus(m));
    }

    public override bool TryInvert(int dst, int a, int m) => GmpNative.Invert(R(dst), R(a), Modulus(m)) != 0;

    public override void Gcd(int dst, int a, int b) => GmpNative.Gcd(R(dst), R(a), R(b));

    public override bool IsProbablePrime(int a, int rounds) => GmpNative.ProbabPrimeP(R(a), rounds) != 0;
}
