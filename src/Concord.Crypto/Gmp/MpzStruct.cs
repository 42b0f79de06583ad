using System.Runtime.InteropServices;

namespace Concord.Crypto.Gmp;

/// <summary>GMP's <c>__mpz_struct</c>: the sign of <see cref="Size"/> is the sign of the number, its magnitude the used limbs.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MpzStruct
{
    public int Alloc;
    public int Size;
    public nint Limbs;
}
