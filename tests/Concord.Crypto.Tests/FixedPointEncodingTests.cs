using Concord.Crypto.Arithmetic;
using Concord.Crypto.Encoding;
using FsCheck.Fluent;

namespace Concord.Crypto.Tests;

public class FixedPointEncodingTests
{
    private static readonly FsCheck.Gen<double> AnyFinite =
        Generators.UInt64.Select(BitConverter.UInt64BitsToDouble).Where(d => double.IsFinite(d) && Math.Abs(d) < 1e60);

    private static readonly FsCheck.Gen<double> Edges = Gen.Elements(
        0.0, -0.0, 1.0, -1.0, double.Epsilon, -double.Epsilon, 1e-300, -1e-300, 1e59, -1e59, 0.1, -0.1, 123456.789);

    /// <summary>Expected values computed with python-paillier's algorithm in Python (Fraction arithmetic, base 16).</summary>
    [Theory]
    [InlineData(0.1, 7205759403792794L, -14)]
    [InlineData(-1.5, -6755399441055744L, -13)]
    [InlineData(5e-324, 18014398509481984L, -282)]
    [InlineData(1e300, 6724873095247260L, 236)]
    [InlineData(0.0, 0L, -14)]
    public void Floats_encode_as_python_paillier_does(double value, long mantissa, int exponent)
    {
        var key = TestKeys.Small("gmp").PublicKey;
        var encoded = FixedPointEncoding.Encode(key, value);
        Assert.Equal(exponent, encoded.Exponent);
        var expected = mantissa >= 0 ? BigNat.FromUInt64((ulong)mantissa) : key.N - BigNat.FromUInt64((ulong)-mantissa);
        Assert.Equal(expected, encoded.Encoding);
    }

    [Fact]
    public void Integers_and_explicit_precision_encode_as_python_paillier_does()
    {
        var key = TestKeys.Small("gmp").PublicKey;
        Assert.Equal(new EncodedNumber(7, 0), FixedPointEncoding.Encode(key, 7L));
        Assert.Equal(new EncodedNumber(410, -3), FixedPointEncoding.Encode(key, 0.1, precision: 1e-3));
        Assert.Equal(-20, FixedPointEncoding.Encode(key, 0.1, maxExponent: -20).Exponent);
    }

    [Fact]
    public void Round_trips_are_exact_for_negatives_zeros_tiny_and_huge_values()
    {
        var key = TestKeys.Small("gmp").PublicKey;
        PropertyCheck.Run(Prop.ForAll(Gen.Frequency((3, AnyFinite), (1, Edges)).ToArbitrary(), value =>
            FixedPointEncoding.Decode(key, FixedPointEncoding.Encode(key, value)).Equals(value == 0 ? 0.0 : value)), tests: 500);
    }

    [Fact]
    public void Values_beyond_max_int_are_refused_at_encoding()
    {
        var key = TestKeys.Small("gmp").PublicKey;
        Assert.Throws<FixedPointOverflowException>(() => FixedPointEncoding.Encode(key, 1e30, precision: 1e-60));
        Assert.Throws<FixedPointOverflowException>(() => FixedPointEncoding.Encode(key, double.MaxValue, precision: 1));
        Assert.Throws<ArgumentException>(() => FixedPointEncoding.Encode(key, double.NaN));
    }

    [Fact]
    public void Plaintexts_in_the_overflow_band_are_reported_at_decoding()
    {
        var key = TestKeys.Small("gmp").PublicKey;
        var band = key.MaxInt + BigNat.One;
        Assert.Throws<FixedPointOverflowException>(() => FixedPointEncoding.Decode(key, new EncodedNumber(band, 0)));
        Assert.Equal(-1.0, FixedPointEncoding.Decode(key, new EncodedNumber(key.N - BigNat.One, 0)));
    }

    [Theory]
    [MemberData(nameof(TestKeys.Backends), MemberType = typeof(TestKeys))]
    public void Encrypted_numbers_add_and_scale_with_exponent_alignment(string backend)
    {
        var (pk, sk) = TestKeys.Small(backend);
        var small = Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1024.0);
        PropertyCheck.Run(Prop.ForAll(small.ToArbitrary(), small.ToArbitrary(), Gen.Choose(-50, 50).ToArbitrary(), (a, b, k) =>
        {
            var ea = EncryptedNumber.Encrypt(pk, a);
            var eb = EncryptedNumber.Encrypt(pk, b, precision: 1e-6);
            var sum = (ea + eb).Decrypt(sk);
            var plain = (ea + b).Decrypt(sk);
            var scaled = (ea * k).Decrypt(sk);
            var difference = (ea - eb).Decrypt(sk);
            return Math.Abs(sum - (a + b)) < 1e-6 && Math.Abs(plain - (a + b)) < 1e-9
                && scaled == a * k && Math.Abs(difference - (a - b)) < 1e-6;
        }), tests: 15);
    }

    [Fact]
    public void A_sum_that_overflows_max_int_is_detected_after_decryption()
    {
        var (pk, sk) = TestKeys.Small("gmp");
        var big = BigNat.FromBigInteger(pk.MaxInt.Big() - 5);
        var c = new EncryptedNumber(pk.Encrypt(big), 0);
        Assert.Throws<FixedPointOverflowException>(() => (c + c).Decrypt(sk));
    }
}
