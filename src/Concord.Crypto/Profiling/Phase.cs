namespace Concord.Crypto.Profiling;

/// <summary>
/// Where a party's time goes, so that breakdowns line up across protocols. The federation context times
/// <see cref="Transport"/> and <see cref="Serialization"/> on every send and receive, and the crypto layer times
/// <see cref="Encrypt"/>, <see cref="Decrypt"/>, <see cref="MultiExponentiation"/>, <see cref="KeyGeneration"/> and
/// the PSI group operations, each against <see cref="PhaseTimer.Current"/>; protocol code does not time itself.
/// </summary>
public enum Phase
{
    Encrypt,
    Decrypt,
    MultiExponentiation,

    /// <summary>Homomorphic additions and scalar multiplications other than the multi-exponentiation kernel.</summary>
    CiphertextArithmetic,

    /// <summary>Payloads from bytes: decoding and validating what arrived (sends count as transport).</summary>
    Serialization,

    /// <summary>Sending and receiving, including the wait for a slower peer to produce what is received.</summary>
    Transport,

    /// <summary>Everything computed on plaintext: predictors, optimizer steps, decoding.</summary>
    Plaintext,

    /// <summary>Paillier or RSA key generation.</summary>
    KeyGeneration,

    /// <summary>SecureBoost host: encrypted histograms, candidate sums, packing and re-randomising them.</summary>
    Histogram,

    /// <summary>SecureBoost: plaintext histograms and gains of the guest's own features.</summary>
    SplitSearch,

    /// <summary>SecureBoost host: partitioning a node on a chosen split, and answering prediction queries.</summary>
    Partition,

    /// <summary>PSI: hashing ids into the group (ECDH) or modulo n (RSA), and RSA's final digests.</summary>
    Hashing,

    /// <summary>PSI: scalar multiplications (ECDH), or blinding, signing and unblinding (RSA).</summary>
    Exponentiation,

    /// <summary>PSI: intersecting the doubly blinded sets.</summary>
    Matching,

    /// <summary>Secure aggregation: updates to and from fixed point.</summary>
    Encoding,
    Decoding,

    /// <summary>Secure aggregation client: Shamir shares of its key and seed, sealed per peer.</summary>
    Sharing,

    /// <summary>Secure aggregation client: pairwise and self masks over its input.</summary>
    Masking,

    /// <summary>Secure aggregation server: summing the masked inputs, and removing the masks of survivors and dropouts.</summary>
    Summing,
    Unmasking,

    /// <summary>Secure aggregation server: each bounded wait for the clients of one step.</summary>
    WaitingForKeys,
    WaitingForShares,
    WaitingForMaskedInputs,
    WaitingForUnmaskingShares,
}

public static class PhaseNames
{
    /// <summary>The phase's name in metrics and benchmark tables, as it was when phases were strings.</summary>
    public static string Name(this Phase phase) => phase switch
    {
        Phase.Encrypt => "encrypt",
        Phase.Decrypt => "decrypt",
        Phase.MultiExponentiation => "multi_exponentiation",
        Phase.CiphertextArithmetic => "ciphertext_arithmetic",
        Phase.Serialization => "serialization",
        Phase.Transport => "transport_and_waiting",
        Phase.Plaintext => "plaintext",
        Phase.KeyGeneration => "key_generation",
        Phase.Histogram => "histogram",
        Phase.SplitSearch => "split_search",
        Phase.Partition => "partition",
        Phase.Hashing => "hashing",
        Phase.Exponentiation => "exponentiation",
        Phase.Matching => "matching",
        Phase.Encoding => "encoding",
        Phase.Decoding => "decoding",
        Phase.Sharing => "sharing",
        Phase.Masking => "masking",
        Phase.Summing => "summing",
        Phase.Unmasking => "unmasking",
        Phase.WaitingForKeys => "waiting for keys",
        Phase.WaitingForShares => "waiting for shares",
        Phase.WaitingForMaskedInputs => "waiting for masked inputs",
        Phase.WaitingForUnmaskingShares => "waiting for unmasking shares",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, null),
    };
}
