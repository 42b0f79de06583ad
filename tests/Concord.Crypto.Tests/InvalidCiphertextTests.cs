using Concord.Crypto.Arithmetic;
using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;

namespace Concord.Crypto.Tests;

public class InvalidCiphertextTests
{
    [Theory]
    [MemberData(nameof(TestKeys.Backends), MemberType = typeof(TestKeys))]
    public void Out_of_range_values_are_rejected_with_a_clear_message(string backend)
    {
        var (pk, _) = TestKeys.Small(backend);
        foreach (var value in new[] { BigNat.Zero, pk.NSquared, pk.NSquared + BigNat.One })
        {
            var error = Assert.Throws<InvalidCiphertextException>(() => pk.ValidateCiphertext(value));
            Assert.Contains("out of range", error.Message);
        }
    }

    [Theory]
    [MemberData(nameof(TestKeys.Backends), MemberType = typeof(TestKeys))]
    public void Values_sharing_a_factor_with_n_are_rejected_on_receipt_and_on_decryption(string backend)
    {
        var (pk, sk) = TestKeys.Small(backend);
        var bad = BigNat.FromBigInteger(sk.P.Big() * 12345);
        var error = Assert.Throws<InvalidCiphertextException>(() => pk.ValidateCiphertext(bad));
        Assert.Contains("not coprime to n", error.Message);

        // A ciphertext built without validation (as arithmetic on a bad input would) must not decrypt silently.
        var unchecked_ = new Ciphertext(pk, bad);
        Assert.Contains("not coprime", Assert.Throws<InvalidCiphertextException>(() => sk.Decrypt(unchecked_)).Message);
        var multipleOfQ = new Ciphertext(pk, BigNat.FromBigInteger(sk.Q.Big() * 7));
        Assert.Throws<InvalidCiphertextException>(() => sk.Decrypt(multipleOfQ));
        Assert.Throws<InvalidCiphertextException>(() => sk.Decrypt(new Ciphertext(pk, pk.NSquared)));
    }

    [Fact]
    public void Serialised_ciphertexts_of_the_wrong_length_or_value_are_rejected()
    {
        var (pk, sk) = TestKeys.Small("gmp");
        var good = pk.Encrypt(5).ToBytes();
        Assert.Equal(sk.Decrypt(pk.CiphertextFromBytes(good)), BigNat.FromUInt64(5));
        Assert.Contains("bytes", Assert.Throws<InvalidCiphertextException>(() => pk.CiphertextFromBytes(good.AsSpan(1))).Message);
        var zero = new byte[pk.CiphertextByteLength];
        Assert.Throws<InvalidCiphertextException>(() => pk.CiphertextFromBytes(zero, "gradient[3]"));
    }

    [Fact]
    public void A_bad_element_in_a_serialised_vector_is_named_by_its_index()
    {
        var (pk, sk) = TestKeys.Small("gmp");
        var vector = CipherVector.Encrypt(pk, [1, 2, 3, 4]);
        var bytes = vector.ToBytes();
        Assert.Equal([1, 2, 3, 4], CipherVector.FromBytes(pk, bytes).Decrypt(sk).Select(m => (int)m.ToUInt64()));

        var size = pk.CiphertextByteLength;
        BigNat.FromBigInteger(sk.P.Big() * 3).WriteBigEndian(bytes.AsSpan(4 + (2 * size), size));
        var error = Assert.Throws<InvalidCiphertextException>(() => CipherVector.FromBytes(pk, bytes, "encrypted residuals"));
        Assert.Contains("encrypted residuals: element 2 is not coprime", error.Message);

        pk.NSquared.WriteBigEndian(bytes.AsSpan(4 + size, size));
        Assert.Contains("element 1 is out of range", Assert.Throws<InvalidCiphertextException>(() => CipherVector.FromBytes(pk, bytes)).Message);
    }

    [Fact]
    public void Ciphertexts_under_different_keys_do_not_combine()
    {
        var (pk, _) = TestKeys.Small("gmp");
        var other = PaillierKeyGenerator.Generate(128, new SeededRandom(99), TestKeys.Gmp).PublicKey;
        Assert.Contains("different Paillier key", Assert.Throws<ArgumentException>(() => pk.Encrypt(1) + other.Encrypt(1)).Message);
    }

    [Fact]
    public void Plaintexts_at_or_above_n_are_refused()
    {
        var (pk, _) = TestKeys.Small("gmp");
        Assert.Throws<ArgumentOutOfRangeException>(() => pk.Encrypt(pk.N));
    }
}
