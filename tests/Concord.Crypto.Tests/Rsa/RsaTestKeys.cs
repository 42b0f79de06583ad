using Concord.Crypto.Rsa;

namespace Concord.Crypto.Tests.Rsa;

/// <summary>One small seeded RSA key per backend (the same n), generated once.</summary>
internal static class RsaTestKeys
{
    public const int SmallBits = 512;

    private static readonly Lazy<RsaPrivateKey> LazyGmp = new(() => RsaKeyGenerator.Generate(SmallBits, new SeededRandom(7), TestKeys.Gmp));

    public static RsaPrivateKey Small(string backend) => backend == "gmp"
        ? LazyGmp.Value
        : RsaPrivateKey.FromPrimes(LazyGmp.Value.P, LazyGmp.Value.Q, TestKeys.Backend(backend));
}
