using System.Diagnostics;

namespace Concord.ML.Psi;

/// <summary>Where one party's PSI time went, in seconds, for the benchmark's breakdown.</summary>
/// <param name="Hashing">Hashing ids into the group (ECDH) or modulo n (RSA), and RSA's final digests.</param>
/// <param name="Exponentiation">Scalar multiplications (ECDH), or blinding, signing and unblinding (RSA).</param>
/// <param name="KeyGeneration">A host's RSA key; nothing to speak of for ECDH.</param>
/// <param name="Exchange">Sending and waiting to receive: the transport, plus any wait for a slower peer.</param>
public sealed record PsiTimings(double Hashing, double Exponentiation, double KeyGeneration, double Exchange, double Matching)
{
    public double Total => Hashing + Exponentiation + KeyGeneration + Exchange + Matching;
}

/// <summary>Accumulates <see cref="PsiTimings"/> phase by phase.</summary>
internal sealed class PsiStopwatch
{
    private double _hashing, _exponentiation, _keyGeneration, _exchange, _matching;

    public T Hash<T>(Func<T> work) => Time(work, ref _hashing);

    public T Exponentiate<T>(Func<T> work) => Time(work, ref _exponentiation);

    public T GenerateKey<T>(Func<T> work) => Time(work, ref _keyGeneration);

    public T Match<T>(Func<T> work) => Time(work, ref _matching);

    public async Task<T> Exchange<T>(Task<T> pending)
    {
        await Exchange((Task)pending).ConfigureAwait(false);
        return await pending.ConfigureAwait(false);
    }

    public async Task Exchange(Task pending)
    {
        var start = Stopwatch.GetTimestamp();
        await pending.ConfigureAwait(false);
        _exchange += Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    public PsiTimings Result => new(_hashing, _exponentiation, _keyGeneration, _exchange, _matching);

    private static T Time<T>(Func<T> work, ref double total)
    {
        var start = Stopwatch.GetTimestamp();
        var value = work();
        total += Stopwatch.GetElapsedTime(start).TotalSeconds;
        return value;
    }
}
