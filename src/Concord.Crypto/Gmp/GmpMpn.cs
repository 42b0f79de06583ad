using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Concord.Crypto.Gmp;

/// <summary>
/// libgmp's low-level <c>mpn</c> entry points on raw limb arrays. <c>__gmpn_redc_1</c> is not in gmp.h's documented
/// interface but is exported (GMP's own powm is built on it), so <see cref="GmpMontgomery"/> checks it against mpz
/// arithmetic before trusting it. These calls take well under a microsecond at Paillier sizes, so they skip the GC
/// transition.
/// </summary>
internal static unsafe partial class GmpMpn
{
    [LibraryImport(GmpNative.Library, EntryPoint = "__gmpn_mul_n")]
    [SuppressGCTransition]
    public static partial void MulN(ulong* rp, ulong* s1p, ulong* s2p, nint n);

    /// <summary>rp = (up + q·mp) / 2^(64n) for the q that makes it exact; up (2n limbs) is destroyed; returns the carry limb.</summary>
    [LibraryImport(GmpNative.Library, EntryPoint = "__gmpn_redc_1")]
    [SuppressGCTransition]
    public static partial ulong Redc1(ulong* rp, ulong* up, ulong* mp, nint n, ulong invm);

    [LibraryImport(GmpNative.Library, EntryPoint = "__gmpn_sub_n")]
    [SuppressGCTransition]
    public static partial ulong SubN(ulong* rp, ulong* s1p, ulong* s2p, nint n);

    [LibraryImport(GmpNative.Library, EntryPoint = "__gmpn_cmp")]
    [SuppressGCTransition]
    public static partial int Cmp(ulong* s1p, ulong* s2p, nint n);

    public static bool HasRedc() =>
        NativeLibrary.TryLoad(GmpNative.Library, out var handle) && NativeLibrary.TryGetExport(handle, "__gmpn_redc_1", out _);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong NegativeInverse(ulong m0)
    {
        // Newton's iteration doubles the correct low bits each step: 1 → 2 → … → 64.
        var inverse = 1UL;
        for (var i = 0; i < 6; i++)
        {
            inverse *= 2 - (m0 * inverse);
        }
        return 0 - inverse;
    }
}
