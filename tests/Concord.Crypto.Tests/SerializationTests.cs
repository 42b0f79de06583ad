using Concord.Crypto.Arithmetic;
using Concord.Crypto.Paillier;

namespace Concord.Crypto.Tests;

public class SerializationTests
{
    [Fact]
    public void Keys_and_ciphertexts_round_trip()
    {
        var (pk, sk) = TestKeys.Small("gmp");
        var pk2 = PaillierPublicKey.FromBytes(pk.ToBytes());
        var sk2 = PaillierPrivateKey.FromBytes(sk.ToBytes());
        Assert.Equal(pk, pk2);
        Assert.Equal(pk.ObfuscationBase, pk2.ObfuscationBase);
        Assert.Equal(sk.P, sk2.P);
        var c = pk.Encrypt(123456789);
        Assert.Equal(BigNat.FromUInt64(123456789), sk2.Decrypt(pk2.CiphertextFromBytes(c.ToBytes())));
    }

    [Fact]
    public void Corrupt_keys_are_refused_with_the_field_named()
    {
        var (pk, sk) = TestKeys.Small("gmp");
        var bytes = sk.ToBytes();
        bytes[12] ^= 0x10; // inside p
        Assert.Contains("field 'p' is not prime", Assert.Throws<FormatException>(() => PaillierPrivateKey.FromBytes(bytes)).Message);

        var publicBytes = pk.ToBytes();
        Assert.Contains("tag 'CPK1'", Assert.Throws<FormatException>(() => PaillierPublicKey.FromBytes(publicBytes.AsSpan(1))).Message);
        Assert.Contains("field 'n'", Assert.Throws<FormatException>(() => PaillierPublicKey.FromBytes(publicBytes.AsSpan(0, publicBytes.Length - 1))).Message);
        var even = (byte[])publicBytes.Clone();
        even[^1] &= 0xFE;
        Assert.Contains("field 'n' must be odd", Assert.Throws<ArgumentException>(() => PaillierPublicKey.FromBytes(even)).Message);
    }
}
