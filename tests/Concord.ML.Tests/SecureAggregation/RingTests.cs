using System.Numerics;
using Concord.ML.SecureAggregation;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.ML.Tests.SecureAggregation;

public class RingTests
{
    private static readonly BigInteger Modulus = BigInteger.One << 256;

    private static BigInteger Wide(UInt128 low, UInt128 high) => ((BigInteger)high << 128) | low;

    /// <summary>Two-limb elements whose limbs sit near the wrap points, where carries and borrows happen, or anywhere.</summary>
    private static readonly Arbitrary<(UInt128, UInt128)> Element = Gen.OneOf(
            ArbMap.Default.GeneratorFor<ulong>().Two().Select(p => new UInt128(p.Item1, p.Item2)),
            Gen.Elements(UInt128.Zero, UInt128.One, UInt128.MaxValue, UInt128.MaxValue - 1, UInt128.One << 127))
        .Two()
        .ToArbitrary();

    [Fact]
    public void Two_limb_addition_and_subtraction_are_arithmetic_mod_2_256() =>
        Prop.ForAll(Element, Element, (x, y) =>
        {
            var ((a0, a1), (b0, b1)) = (x, y);
            Span<UInt128> sum = [a0, a1];
            Ring.Add(sum, [b0, b1], limbs: 2);
            Span<UInt128> difference = [a0, a1];
            Ring.Subtract(difference, [b0, b1], limbs: 2);
            var (a, b) = (Wide(a0, a1), Wide(b0, b1));
            return Wide(sum[0], sum[1]) == (a + b) % Modulus
                && Wide(difference[0], difference[1]) == ((a - b) % Modulus + Modulus) % Modulus;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void A_vector_that_does_not_hold_whole_elements_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ring.Add(new UInt128[3], new UInt128[3], limbs: 2));
        Assert.Contains("whole ring elements", ex.Message, StringComparison.Ordinal);
    }
}
