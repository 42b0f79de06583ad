using Concord.Crypto.Arithmetic;
using Concord.Crypto.Paillier;

namespace Concord.Crypto.Tests;

/// <summary>Keys shared by the tests: one small key per backend (the same n), generated once.</summary>
internal static class TestKeys
{
    public const int SmallBits = 256;

    private static readonly Lazy<PaillierKeyPair> LazyGmp = new(() =>
        PaillierKeyGenerator.Generate(SmallBits, new SeededRandom(1), Gmp));

    private static readonly Lazy<PaillierKeyPair> LazyManaged = new(() => OnBackend(LazyGmp.Value, ArithmeticBackends.Managed));

    public static IArithmeticBackend Gmp => ArithmeticBackends.Gmp ?? throw new InvalidOperationException("libgmp.so.10 is required by these tests");

    public static PaillierKeyPair Small(string backend) => backend switch
    {
        "gmp" => LazyGmp.Value,
        "managed" => LazyManaged.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(backend)),
    };

    public static IArithmeticBackend Backend(string name) => name == "gmp" ? Gmp : ArithmeticBackends.Managed;

    /// <summary>The same key, computing on another backend.</summary>
    public static PaillierKeyPair OnBackend(PaillierKeyPair pair, IArithmeticBackend backend) =>
        PaillierKeyPair.FromPrimes(pair.PrivateKey.P, pair.PrivateKey.Q, pair.PublicKey.ObfuscationExponentBits, backend);

    public static TheoryData<string> Backends => new() { "gmp", "managed" };
}
