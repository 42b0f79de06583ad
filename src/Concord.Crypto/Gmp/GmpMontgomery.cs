using Concord.Crypto.Arithmetic;

namespace Concord.Crypto.Gmp;

/// <summary>Montgomery multiplication through libgmp's mpn_mul_n and mpn_redc_1, checked against mpz arithmetic when created.</summary>
internal sealed unsafe class GmpMontgomery : MontgomeryModulus
{
    private static readonly Lazy<bool> Available = new(GmpMpn.HasRedc);
    private readonly ulong[] _modulus;
    private readonly ulong _inverse;
    private readonly BigNat _m;

    private GmpMontgomery(BigNat modulus)
    {
        _m = modulus;
        _modulus = modulus.Limbs.ToArray();
        _inverse = GmpMpn.NegativeInverse(_modulus[0]);
    }

    public override int Limbs => _modulus.Length;

    /// <summary>A Montgomery modulus for an odd m, or null when libgmp lacks mpn_redc_1 or it disagrees with mpz arithmetic.</summary>
    public static GmpMontgomery? TryCreate(BigNat modulus)
    {
        if (modulus.IsEven || modulus.LimbCount < 2 || !Available.Value)
        {
            return null;
        }
        var montgomery = new GmpMontgomery(modulus);
        return montgomery.SelfTest() ? montgomery : null;
    }

    public override void ToMontgomery(ReadOnlySpan<ulong> x, Span<ulong> result)
    {
        var ws = ArithmeticBackends.Gmp!.Workspace;
        using var f = ws.Frame(2);
        ws.Set(f[0], x);
        ws.ShiftLeft(f[0], f[0], 64 * Limbs);
        ws.Set(f[1], _m);
        ws.Mod(f[0], f[0], f[1]);
        ws.CopyTo(f[0], result);
    }

    public override void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result, Span<ulong> scratch)
    {
        var n = Limbs;
        fixed (ulong* pa = a, pb = b, pr = result, ps = scratch, pm = _modulus)
        {
            GmpMpn.MulN(ps, pa, pb, n);
            if (GmpMpn.Redc1(pr, ps, pm, n, _inverse) != 0)
            {
                GmpMpn.SubN(pr, pr, pm, n);
            }
        }
    }

    public override void Reduce(ReadOnlySpan<ulong> x, Span<ulong> result, Span<ulong> scratch)
    {
        var n = Limbs;
        x[..n].CopyTo(scratch);
        scratch[n..(2 * n)].Clear();
        fixed (ulong* pr = result, ps = scratch, pm = _modulus)
        {
            if (GmpMpn.Redc1(pr, ps, pm, n, _inverse) != 0 || GmpMpn.Cmp(pr, pm, n) >= 0)
            {
                GmpMpn.SubN(pr, pr, pm, n);
            }
        }
    }

    /// <summary>Multiplies a few pseudo-random pairs both ways; a libgmp whose mpn_redc_1 has another contract fails here.</summary>
    private bool SelfTest()
    {
        var n = Limbs;
        var ws = ArithmeticBackends.Gmp!.Workspace;
        Span<ulong> a = stackalloc ulong[n], b = stackalloc ulong[n], ma = stackalloc ulong[n], mb = stackalloc ulong[n];
        Span<ulong> product = stackalloc ulong[n], plain = stackalloc ulong[n], scratch = stackalloc ulong[2 * n];
        var state = 0x9E3779B97F4A7C15UL;
        using var f = ws.Frame(3);
        ws.Set(f[2], _m);
        for (var trial = 0; trial < 4; trial++)
        {
            for (var i = 0; i < n; i++)
            {
                a[i] = state = (state * 6364136223846793005UL) + 1442695040888963407UL;
                b[i] = state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            }
            ws.Set(f[0], a);
            ws.Mod(f[0], f[0], f[2]);
            ws.CopyTo(f[0], a);
            ws.Set(f[1], b);
            ws.Mod(f[1], f[1], f[2]);
            ws.CopyTo(f[1], b);
            ws.MulMod(f[0], f[0], f[1], f[2]);
            ws.CopyTo(f[0], plain);
            ToMontgomery(a, ma);
            ToMontgomery(b, mb);
            Multiply(ma, mb, product, scratch);
            Reduce(product, product, scratch);
            if (!product.SequenceEqual(plain))
            {
                return false;
            }
        }
        return true;
    }
}
