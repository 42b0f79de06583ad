using System.Numerics;
using Concord.Crypto.Arithmetic;
using FsCheck.Fluent;

namespace Concord.Crypto.Tests;

public class BigNatTests
{
    private static readonly FsCheck.Gen<BigInteger> NonNegative =
        Gen.ArrayOf(Generators.UInt64, Gen.Choose(0, 6).Sample(1)[0] + 1).Select(l => BigNat.FromLimbs(l).ToBigInteger());

    [Fact]
    public void BigInteger_and_big_endian_round_trips_preserve_the_value() =>
        PropertyCheck.Run(Prop.ForAll(NonNegative.ToArbitrary(), value =>
        {
            var nat = BigNat.FromBigInteger(value);
            var bytes = nat.ToBigEndian();
            return nat.ToBigInteger() == value
                && BigNat.FromBigEndian(bytes) == nat
                && new BigInteger(bytes, isUnsigned: true, isBigEndian: true) == value
                && nat.BitLength == (int)value.GetBitLength();
        }));

    [Fact]
    public void Arithmetic_agrees_with_BigInteger() =>
        PropertyCheck.Run(Prop.ForAll(NonNegative.ToArbitrary(), NonNegative.ToArbitrary(), Gen.Choose(0, 200).ToArbitrary(), (a, b, shift) =>
        {
            var (x, y) = (BigNat.FromBigInteger(a), BigNat.FromBigInteger(b));
            var (big, small) = a >= b ? (x, y) : (y, x);
            return (x + y).ToBigInteger() == a + b
                && (big - small).ToBigInteger() == BigInteger.Abs(a - b)
                && x.ShiftLeft(shift).ToBigInteger() == a << shift
                && x.CompareTo(y) == a.CompareTo(b)
                && (x == y) == (a == b);
        }));

    [Fact]
    public void Subtraction_below_zero_and_negative_input_are_refused()
    {
        Assert.Throws<OverflowException>(() => BigNat.One - BigNat.FromUInt64(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => BigNat.FromBigInteger(-1));
        Assert.Throws<ArgumentException>(() => BigNat.FromUInt64(256).ToBigEndian(1));
    }
}
