using System.Runtime.InteropServices;
using Concord.Crypto.Arithmetic;

namespace Concord.Crypto.Gmp;

/// <summary>libgmp (libgmp.so.10) through P/Invoke: about as fast as C.</summary>
internal sealed class GmpBackend : IArithmeticBackend
{
    [ThreadStatic]
    private static GmpWorkspace? t_workspace;

    private GmpBackend()
    {
    }

    /// <summary>Why libgmp could not be used, for the fallback warning; null when it loaded.</summary>
    public static string? LoadFailure { get; private set; }

    public string Name => "libgmp";

    public bool IsSlow => false;

    public Workspace Workspace => t_workspace ??= new GmpWorkspace(this);

    public static IArithmeticBackend? TryCreate()
    {
        if (!NativeLibrary.TryLoad(GmpNative.Library, out var handle))
        {
            LoadFailure = "library not found";
            return null;
        }
        // The workspace copies limbs as 64-bit words, so a 32-bit-limb build of GMP cannot be used.
        if (!NativeLibrary.TryGetExport(handle, "__gmp_bits_per_limb", out var bitsPerLimb) ||
            Marshal.ReadInt32(bitsPerLimb) != 64)
        {
            LoadFailure = "it does not use 64-bit limbs";
            return null;
        }
        return new GmpBackend();
    }
}
