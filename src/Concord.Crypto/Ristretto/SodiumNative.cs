using System.Runtime.InteropServices;

namespace Concord.Crypto.Ristretto;

/// <summary>libsodium's ristretto255 entry points. Each call takes tens of microseconds, so the GC transition is kept.</summary>
internal static unsafe partial class SodiumNative
{
    public const string Library = "libsodium.so.23";

    [LibraryImport(Library, EntryPoint = "sodium_init")]
    public static partial int Init();

    [LibraryImport(Library, EntryPoint = "crypto_core_ristretto255_from_hash")]
    public static partial int FromHash(byte* point, byte* hash);

    [LibraryImport(Library, EntryPoint = "crypto_scalarmult_ristretto255")]
    public static partial int ScalarMult(byte* result, byte* scalar, byte* point);

    [LibraryImport(Library, EntryPoint = "crypto_core_ristretto255_scalar_random")]
    public static partial void ScalarRandom(byte* scalar);

    [LibraryImport(Library, EntryPoint = "crypto_core_ristretto255_scalar_invert")]
    public static partial int ScalarInvert(byte* inverse, byte* scalar);

    [LibraryImport(Library, EntryPoint = "crypto_core_ristretto255_is_valid_point")]
    public static partial int IsValidPoint(byte* point);
}
