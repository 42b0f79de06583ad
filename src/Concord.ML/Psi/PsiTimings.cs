using Concord.Crypto.Profiling;

namespace Concord.ML.Psi;

/// <summary>Where one party's PSI time went, in seconds, for the benchmark's breakdown.</summary>
/// <param name="Hashing">Hashing ids into the group (ECDH) or modulo n (RSA), and RSA's final digests.</param>
/// <param name="Exponentiation">Scalar multiplications (ECDH), or blinding, signing and unblinding (RSA).</param>
/// <param name="KeyGeneration">A host's RSA key; nothing to speak of for ECDH.</param>
/// <param name="Exchange">Sending and waiting to receive: the transport, plus any wait for a slower peer.</param>
public sealed record PsiTimings(double Hashing, double Exponentiation, double KeyGeneration, double Exchange, double Matching)
{
    public double Total => Hashing + Exponentiation + KeyGeneration + Exchange + Matching;

    /// <summary>The PSI phases of a role's timer, which the crypto layer, the context and the matching filled in.</summary>
    public static PsiTimings Of(PhaseTimer timer)
    {
        var seconds = timer.Seconds;
        double Get(Phase phase) => seconds.GetValueOrDefault(phase);
        return new(Get(Phase.Hashing), Get(Phase.Exponentiation), Get(Phase.KeyGeneration), Get(Phase.Transport), Get(Phase.Matching));
    }
}
