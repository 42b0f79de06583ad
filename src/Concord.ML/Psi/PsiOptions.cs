using Concord.ML.JobParameters;

namespace Concord.ML.Psi;

/// <summary>Where the intersection ends up.</summary>
public enum PsiOutput
{
    /// <summary>Every party gets its own table restricted to the shared ids.</summary>
    All,

    /// <summary>Only the guest learns the intersection; hosts learn nothing but that the run succeeded.</summary>
    Guest,
}

/// <summary>How the parties hide their ids from each other.</summary>
public enum PsiMethod
{
    /// <summary>Diffie–Hellman over ristretto255: both sides blind with a secret scalar (see <see cref="EcdhPsiGuest"/>).</summary>
    Ecdh,

    /// <summary>RSA blind signatures, as FATE 1.x: each host signs, the guest blinds (see <see cref="RsaPsiGuest"/>).</summary>
    Rsa,
}

/// <summary>What the parties must agree on for a PSI run.</summary>
/// <param name="Salt">Mixed into every id's hash, so that blinded values from one job cannot be matched in another.</param>
/// <param name="Output">Guest only, or every party. Only the guest's setting counts; hosts follow it.</param>
/// <param name="Method">Every party must run the same one.</param>
/// <param name="RsaKeyBits">
/// For <see cref="PsiMethod.Rsa"/>: the size of the key each host generates, and the least the guest accepts from a
/// host; below <see cref="MinRsaKeyBits"/> is refused.
/// </param>
public sealed record PsiOptions(
    [property: Parameter("salt", Description = "mixed into every id's hash; all parties must use the same salt")]
    string Salt = "",
    [property: Parameter("output", Description = "who gets the intersected table: every party, or only the guest (hosts then output nothing)")]
    PsiOutput Output = PsiOutput.All,
    [property: Parameter("method", Description = "ecdh: Diffie–Hellman over ristretto255 (libsodium); rsa: RSA blind signatures as in FATE 1.x, each host holding a key")]
    PsiMethod Method = PsiMethod.Ecdh,
    int RsaKeyBits = 2048)
{
    public const int MinRsaKeyBits = 1024;

    private readonly int _rsaKeyBits = CheckKeyBits(RsaKeyBits);

    [Parameter("key_bits", AtLeast = MinRsaKeyBits, AtMost = 4096, Description = "method rsa: the size of each host's RSA key; below 1024 bits is refused")]
    public int RsaKeyBits
    {
        get => _rsaKeyBits;
        init => _rsaKeyBits = CheckKeyBits(value);
    }

    internal byte[] SaltBytes => System.Text.Encoding.UTF8.GetBytes(Salt);

    private static int CheckKeyBits(int bits) => bits >= MinRsaKeyBits
        ? bits
        : throw new ArgumentOutOfRangeException(nameof(RsaKeyBits), bits, $"an RSA key of {bits} bits is too weak for PSI; use at least {MinRsaKeyBits}");
}
