using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Concord.Crypto.Arithmetic;

namespace Concord.Crypto.Managed;

/// <summary>Registers as immutable BigIntegers; every operation allocates, which is acceptable for the slow fallback.</summary>
internal sealed class ManagedWorkspace(IArithmeticBackend backend) : Workspace
{
    private BigInteger[] _registers = [];

    public override IArithmeticBackend Backend { get; } = backend;

    protected override void EnsureRegisters(int count)
    {
        if (count > _registers.Length)
        {
            Array.Resize(ref _registers, Math.Max(count, Math.Max(16, _registers.Length * 2)));
        }
    }

    private BigInteger Modulus(int index)
    {
        var m = _registers[index];
        RequirePositiveModulus(m.Sign);
        return m;
    }

    public override void Set(int dst, ReadOnlySpan<ulong> limbs) =>
        _registers[dst] = new BigInteger(MemoryMarshal.AsBytes(limbs), isUnsigned: true, isBigEndian: false);

    public override void SetSmall(int dst, ulong value) => _registers[dst] = value;

    public override void Copy(int dst, int src) => _registers[dst] = _registers[src];

    public override BigNat Get(int src) => _registers[src].Sign < 0
        ? throw new InvalidOperationException("register holds a negative number")
        : BigNat.FromBigInteger(_registers[src]);

    public override void CopyTo(int src, Span<ulong> destination)
    {
        var value = Get(src);
        if (value.LimbCount > destination.Length)
        {
            throw new ArgumentException($"register value ({value.LimbCount} limbs) does not fit {destination.Length} limbs");
        }
        value.Limbs.CopyTo(destination);
        destination[value.LimbCount..].Clear();
    }

    public override int Sign(int reg) => _registers[reg].Sign;

    public override int Compare(int a, int b) => _registers[a].CompareTo(_registers[b]);

    public override long BitLength(int reg) => (long)BigInteger.Abs(_registers[reg]).GetBitLength();

    public override void Add(int dst, int a, int b) => _registers[dst] = _registers[a] + _registers[b];

    public override void AddSmall(int dst, int a, ulong b) => _registers[dst] = _registers[a] + b;

    public override void Sub(int dst, int a, int b) => _registers[dst] = _registers[a] - _registers[b];

    public override void SubSmall(int dst, int a, ulong b) => _registers[dst] = _registers[a] - b;

    public override void Mul(int dst, int a, int b) => _registers[dst] = _registers[a] * _registers[b];


    public override void Mod(int dst, int a, int m) => _registers[dst] = FloorMod(_registers[a], Modulus(m));

    public override ulong ModSmall(int a, ulong m)
    {
        RequirePositiveModulus(m == 0 ? 0 : 1);
        return (ulong)FloorMod(_registers[a], m);
    }

    public override void DivRem(int q, int r, int a, int d)
    {
        if (q == r)
        {
            throw new ArgumentException("quotient and remainder need different registers");
        }
        var divisor = _registers[d];
        var quotient = BigInteger.DivRem(_registers[a], divisor, out var remainder);
        // BigInteger truncates toward zero; step to the floor when the signs differ.
        if (!remainder.IsZero && (remainder.Sign < 0) != (divisor.Sign < 0))
        {
            quotient -= 1;
            remainder += divisor;
        }
        _registers[q] = quotient;
        _registers[r] = remainder;
    }

    public override void ShiftLeft(int dst, int a, int bits) => _registers[dst] = _registers[a] << bits;

    public override void ShiftRight(int dst, int a, int bits) => _registers[dst] = _registers[a] >> bits;

    public override void PowMod(int dst, int b, int e, int m)
    {
        if (_registers[e].Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(e), "exponent must not be negative");
        }
        var modulus = Modulus(m);
        _registers[dst] = FloorMod(BigInteger.ModPow(FloorMod(_registers[b], modulus), _registers[e], modulus), modulus);
    }

    public override bool TryInvert(int dst, int a, int m)
    {
        var modulus = Modulus(m);
        BigInteger r0 = modulus, r1 = FloorMod(_registers[a], modulus);
        BigInteger t0 = 0, t1 = 1;
        while (!r1.IsZero)
        {
            var q = BigInteger.DivRem(r0, r1, out var rem);
            (r0, r1) = (r1, rem);
            (t0, t1) = (t1, t0 - (q * t1));
        }
        if (!r0.IsOne)
        {
            return false;
        }
        _registers[dst] = FloorMod(t0, modulus);
        return true;
    }

    public override void Gcd(int dst, int a, int b) => _registers[dst] = BigInteger.GreatestCommonDivisor(_registers[a], _registers[b]);

    public override bool IsProbablePrime(int a, int rounds)
    {
        var n = BigInteger.Abs(_registers[a]);
        if (n < 4)
        {
            return n >= 2;
        }
        if (n.IsEven)
        {
            return false;
        }
        var d = n - 1;
        var s = 0;
        while (d.IsEven)
        {
            d >>= 1;
            s++;
        }
        var bytes = new byte[n.GetByteCount(isUnsigned: true) + 8];
        for (var round = 0; round < rounds; round++)
        {
            // Random bases, so that no composite is known in advance to pass (fixed-base tests have such counterexamples).
            RandomNumberGenerator.Fill(bytes);
            var witness = (new BigInteger(bytes, isUnsigned: true) % (n - 3)) + 2;
            if (!PassesRound(witness, d, s, n))
            {
                return false;
            }
        }
        return true;
    }

    private static bool PassesRound(BigInteger witness, BigInteger d, int s, BigInteger n)
    {
        var x = BigInteger.ModPow(witness, d, n);
        if (x.IsOne || x == n - 1)
        {
            return true;
        }
        for (var i = 1; i < s; i++)
        {
            x = BigInteger.ModPow(x, 2, n);
            if (x == n - 1)
            {
                return true;
            }
        }
        return false;
    }

    private static BigInteger FloorMod(BigInteger a, BigInteger m)
    {
        var r = BigInteger.Remainder(a, m);
        return r.Sign < 0 ? r + m : r;
    }
}
