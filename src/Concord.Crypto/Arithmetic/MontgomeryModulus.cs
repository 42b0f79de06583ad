namespace Concord.Crypto.Arithmetic;

/// <summary>
/// Multiplication modulo one fixed odd modulus m in Montgomery form, on raw limbs of exactly <see cref="ModularMultiplier.Limbs"/> words:
/// Multiply(a, b) = a·b·R⁻¹ mod m with R = 2^(64·Limbs), no division. Values stay below R but need not be below m
/// until <see cref="Reduce"/>. Hot loops that multiply many numbers modulo one modulus (fixed-base exponentiation,
/// histograms of ciphertexts) use it where the backend offers it.
/// </summary>
internal abstract class MontgomeryModulus : ModularMultiplier
{
    /// <summary>x·R mod m for x &lt; m, the Montgomery form of x.</summary>
    public abstract void ToMontgomery(ReadOnlySpan<ulong> x, Span<ulong> result);

    /// <summary>result = x·R⁻¹ mod m, fully reduced into [0, m): the ordinary form of a Montgomery-form x.</summary>
    public abstract void Reduce(ReadOnlySpan<ulong> x, Span<ulong> result, Span<ulong> scratch);

    /// <summary>The Montgomery arithmetic of <paramref name="backend"/> modulo <paramref name="modulus"/>, or null when it has none.</summary>
    public static MontgomeryModulus? For(IArithmeticBackend backend, BigNat modulus) =>
        backend is Gmp.GmpBackend ? Gmp.GmpMontgomery.TryCreate(modulus) : null;
}
