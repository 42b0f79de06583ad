namespace Concord.ML.Profiling;

/// <summary>The phase names every protocol's <see cref="PhaseTimer"/> uses, so that breakdowns line up across protocols.</summary>
public static class Phase
{
    public const string Encrypt = "encrypt";
    public const string Decrypt = "decrypt";
    public const string MultiExponentiation = "multi_exponentiation";

    /// <summary>Homomorphic additions and scalar multiplications other than the multi-exponentiation kernel.</summary>
    public const string CiphertextArithmetic = "ciphertext_arithmetic";

    /// <summary>Ciphertexts to and from bytes.</summary>
    public const string Serialization = "serialization";

    /// <summary>Sending and receiving, including the wait for a slower peer to produce what is received.</summary>
    public const string Transport = "transport_and_waiting";

    /// <summary>Everything computed on plaintext: predictors, optimizer steps, decoding.</summary>
    public const string Plaintext = "plaintext";

    /// <summary>SecureBoost host: encrypted histograms, candidate sums, packing and re-randomising them.</summary>
    public const string Histogram = "histogram";

    /// <summary>SecureBoost: plaintext histograms and gains of the guest's own features.</summary>
    public const string SplitSearch = "split_search";

    /// <summary>SecureBoost host: partitioning a node on a chosen split, and answering prediction queries.</summary>
    public const string Partition = "partition";
}
