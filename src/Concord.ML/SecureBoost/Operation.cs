namespace Concord.ML.SecureBoost;

/// <summary>The Paillier operations a SecureBoost party counts, which the time per phase is made of.</summary>
public static class Operation
{
    public const string Encryptions = "encryptions";

    /// <summary>Homomorphic additions (modular multiplications of ciphertexts) in histograms.</summary>
    public const string Additions = "additions";

    public const string Decryptions = "decryptions";
}
