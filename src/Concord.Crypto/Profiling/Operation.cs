namespace Concord.Crypto.Profiling;

/// <summary>The Paillier operations a party counts (see <see cref="PhaseTimer.Count"/>), which the time per phase is made of.</summary>
public static class Operation
{
    public const string Encryptions = "encryptions";

    /// <summary>Homomorphic additions (modular multiplications of ciphertexts) in histograms.</summary>
    public const string Additions = "additions";

    public const string Decryptions = "decryptions";
}
