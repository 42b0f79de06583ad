namespace Concord.Crypto.Arithmetic;

/// <summary>
/// Multiplication modulo one fixed modulus on raw limbs of exactly <see cref="Limbs"/> words, in whatever form the
/// implementation keeps numbers (ordinary, or Montgomery form). Hot loops written against it, such as the bucket
/// method of <see cref="MultiExponentiation"/>, run unchanged on either.
/// </summary>
internal abstract class ModularMultiplier
{
    public abstract int Limbs { get; }

    /// <summary>result = a·b in this multiplier's form; <paramref name="scratch"/> holds 2·Limbs words. result may alias a or b.</summary>
    public abstract void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result, Span<ulong> scratch);
}
