using Concord.Crypto.Arithmetic;

namespace Concord.Crypto.Paillier;

public sealed record PaillierKeyPair(PaillierPublicKey PublicKey, PaillierPrivateKey PrivateKey)
{
    /// <summary>The key pair of n = p·q, for distinct primes p and q.</summary>
    public static PaillierKeyPair FromPrimes(BigNat p, BigNat q, int? obfuscationExponentBits = null, IArithmeticBackend? backend = null)
    {
        backend ??= ArithmeticBackends.Default;
        var ws = backend.Workspace;
        BigNat n;
        using (var f = ws.Frame(2))
        {
            ws.Set(f[0], p);
            ws.Set(f[1], q);
            ws.Mul(f[0], f[0], f[1]);
            n = ws.Get(f[0]);
        }
        var publicKey = new PaillierPublicKey(n, obfuscationExponentBits, backend);
        return new PaillierKeyPair(publicKey, new PaillierPrivateKey(publicKey, p, q));
    }
}
