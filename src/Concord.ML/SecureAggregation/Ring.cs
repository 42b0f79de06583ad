namespace Concord.ML.SecureAggregation;

/// <summary>
/// Element-wise arithmetic in Z_2^(128·limbs). An element spans <c>limbs</c> consecutive UInt128 values, least
/// significant first; with one limb, UInt128's wrap-around is the ring's addition, and wider elements carry.
/// </summary>
internal static class Ring
{
    public static void Add(Span<UInt128> accumulator, ReadOnlySpan<UInt128> values, int limbs = 1)
    {
        CheckShapes(accumulator, values, limbs);
        if (limbs == 1)
        {
            for (var i = 0; i < values.Length; i++)
            {
                accumulator[i] += values[i];
            }
            return;
        }
        for (var i = 0; i < values.Length; i += limbs)
        {
            var carry = UInt128.Zero;
            for (var l = i; l < i + limbs; l++)
            {
                var sum = accumulator[l] + values[l];
                var withCarry = sum + carry;
                // At most one of the two additions can wrap.
                carry = sum < values[l] || withCarry < sum ? UInt128.One : UInt128.Zero;
                accumulator[l] = withCarry;
            }
        }
    }

    public static void Subtract(Span<UInt128> accumulator, ReadOnlySpan<UInt128> values, int limbs = 1)
    {
        CheckShapes(accumulator, values, limbs);
        if (limbs == 1)
        {
            for (var i = 0; i < values.Length; i++)
            {
                accumulator[i] -= values[i];
            }
            return;
        }
        for (var i = 0; i < values.Length; i += limbs)
        {
            var borrow = UInt128.Zero;
            for (var l = i; l < i + limbs; l++)
            {
                var difference = accumulator[l] - values[l];
                var nextBorrow = accumulator[l] < values[l] || difference < borrow ? UInt128.One : UInt128.Zero;
                accumulator[l] = difference - borrow;
                borrow = nextBorrow;
            }
        }
    }

    public static void CheckShape(int length, int limbs)
    {
        if (limbs < 1 || length % limbs != 0)
        {
            throw new ArgumentException($"a vector of {length} limbs does not hold whole ring elements of {limbs} limbs");
        }
    }

    private static void CheckShapes(Span<UInt128> accumulator, ReadOnlySpan<UInt128> values, int limbs)
    {
        if (accumulator.Length != values.Length)
        {
            throw new ArgumentException($"ring vectors of lengths {accumulator.Length} and {values.Length} cannot be combined");
        }
        CheckShape(values.Length, limbs);
    }
}
