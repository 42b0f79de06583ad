using System.Runtime.InteropServices;

namespace Concord.Crypto.Gmp;

/// <summary>
/// libgmp's exported entry points. The <c>mpz_*</c> names in gmp.h are macros over these <c>__gmpz_*</c> symbols.
/// Long-running calls keep the normal GC transition so that a multi-millisecond powm never stalls a collection.
/// </summary>
internal static unsafe partial class GmpNative
{
    public const string Library = "libgmp.so.10";

    [LibraryImport(Library, EntryPoint = "__gmpz_init")]
    public static partial void Init(MpzStruct* x);

    [LibraryImport(Library, EntryPoint = "__gmpz_clear")]
    public static partial void Clear(MpzStruct* x);

    [LibraryImport(Library, EntryPoint = "__gmpz_set")]
    public static partial void Set(MpzStruct* r, MpzStruct* a);

    [LibraryImport(Library, EntryPoint = "__gmpz_set_ui")]
    public static partial void SetUi(MpzStruct* r, ulong a);

    [LibraryImport(Library, EntryPoint = "__gmpz_limbs_write")]
    public static partial ulong* LimbsWrite(MpzStruct* x, nint n);

    [LibraryImport(Library, EntryPoint = "__gmpz_limbs_finish")]
    public static partial void LimbsFinish(MpzStruct* x, nint n);

    [LibraryImport(Library, EntryPoint = "__gmpz_add")]
    public static partial void Add(MpzStruct* r, MpzStruct* a, MpzStruct* b);

    [LibraryImport(Library, EntryPoint = "__gmpz_add_ui")]
    public static partial void AddUi(MpzStruct* r, MpzStruct* a, ulong b);

    [LibraryImport(Library, EntryPoint = "__gmpz_sub")]
    public static partial void Sub(MpzStruct* r, MpzStruct* a, MpzStruct* b);

    [LibraryImport(Library, EntryPoint = "__gmpz_sub_ui")]
    public static partial void SubUi(MpzStruct* r, MpzStruct* a, ulong b);

    [LibraryImport(Library, EntryPoint = "__gmpz_mul")]
    public static partial void Mul(MpzStruct* r, MpzStruct* a, MpzStruct* b);

    [LibraryImport(Library, EntryPoint = "__gmpz_mul_ui")]
    public static partial void MulUi(MpzStruct* r, MpzStruct* a, ulong b);

    [LibraryImport(Library, EntryPoint = "__gmpz_mod")]
    public static partial void Mod(MpzStruct* r, MpzStruct* a, MpzStruct* m);

    [LibraryImport(Library, EntryPoint = "__gmpz_fdiv_ui")]
    public static partial ulong FdivUi(MpzStruct* a, ulong d);

    [LibraryImport(Library, EntryPoint = "__gmpz_fdiv_qr")]
    public static partial void FdivQr(MpzStruct* q, MpzStruct* r, MpzStruct* a, MpzStruct* d);

    [LibraryImport(Library, EntryPoint = "__gmpz_mul_2exp")]
    public static partial void Mul2Exp(MpzStruct* r, MpzStruct* a, ulong bits);

    [LibraryImport(Library, EntryPoint = "__gmpz_fdiv_q_2exp")]
    public static partial void FdivQ2Exp(MpzStruct* r, MpzStruct* a, ulong bits);

    [LibraryImport(Library, EntryPoint = "__gmpz_powm")]
    public static partial void PowM(MpzStruct* r, MpzStruct* b, MpzStruct* e, MpzStruct* m);

    [LibraryImport(Library, EntryPoint = "__gmpz_invert")]
    public static partial int Invert(MpzStruct* r, MpzStruct* a, MpzStruct* m);

    [LibraryImport(Library, EntryPoint = "__gmpz_gcd")]
    public static partial void Gcd(MpzStruct* r, MpzStruct* a, MpzStruct* b);

    [LibraryImport(Library, EntryPoint = "__gmpz_probab_prime_p")]
    public static partial int ProbabPrimeP(MpzStruct* n, int reps);

    [LibraryImport(Library, EntryPoint = "__gmpz_cmp")]
    public static partial int Cmp(MpzStruct* a, MpzStruct* b);

    [LibraryImport(Library, EntryPoint = "__gmpz_sizeinbase")]
    public static partial nuint SizeInBase(MpzStruct* a, int b);
}
