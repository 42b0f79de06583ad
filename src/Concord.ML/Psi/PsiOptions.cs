namespace Concord.ML.Psi;

/// <summary>Where the intersection ends up.</summary>
public enum PsiOutput
{
    /// <summary>Every party gets its own table restricted to the shared ids.</summary>
    All,

    /// <summary>Only the guest learns the intersection; hosts learn nothing but that the run succeeded.</summary>
    Guest,
}

/// <summary>What the parties must agree on for an ECDH-PSI run.</summary>
/// <param name="Salt">Mixed into every id's hash, so that blinded values from one job cannot be matched in another.</param>
/// <param name="Output">Guest only, or every party. Only the guest's setting counts; hosts follow it.</param>
public sealed record PsiOptions(string Salt = "", PsiOutput Output = PsiOutput.All)
{
    internal byte[] SaltBytes => System.Text.Encoding.UTF8.GetBytes(Salt);
}
