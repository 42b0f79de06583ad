using System.Numerics;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Paillier;
using Concord.Tests.Shared;

namespace Concord.Federation.Tests.TestHelpers;

/// <summary>The divide-out check against ciphertexts built each way a protocol might return a party's own encryption.</summary>
public class DivideOutTests
{
    private static readonly Lazy<PaillierPrivateKey> Key = new(() => PaillierKeyGenerator.Generate(1024).PrivateKey);

    private static PaillierPublicKey Public => Key.Value.PublicKey;

    private static DivideOut.Known Mine(Ciphertext c) => new("mine", c);

    private static DivideOut.Known Got(Ciphertext c) => new("received", c);

    [Fact]
    public void AddPlaintext_on_the_party_s_own_encryption_is_read_without_the_key()
    {
        var mine = Public.Encrypt(BigNat.FromBigInteger(123_456));
        var returned = mine.AddPlaintext(BigNat.FromBigInteger(42));
        var finding = Assert.Single(DivideOut.Findings([Got(returned)], [Mine(mine)]));
        Assert.Contains("reads as 42 without the key", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fresh_encryption_added_or_a_re_randomised_result_is_not()
    {
        var mine = Public.Encrypt(BigNat.FromBigInteger(123_456));
        var x = BigNat.FromBigInteger(42);
        Assert.Empty(DivideOut.Findings([Got(mine.Add(Public.Encrypt(x)))], [Mine(mine)]));
        Assert.Empty(DivideOut.Findings([Got(mine.AddPlaintext(x).Rerandomize())], [Mine(mine)]));
        // Relaying the party's own ciphertext back unchanged tells it nothing.
        Assert.Empty(DivideOut.Findings([Got(mine)], [Mine(mine)]));
    }

    [Fact]
    public void Two_received_ciphertexts_sharing_randomness_read_as_their_difference()
    {
        var first = Public.Encrypt(BigNat.FromBigInteger(1000));
        var second = first.AddPlaintext(BigNat.FromBigInteger(7));
        Assert.Contains("reads as 7", Assert.Single(DivideOut.Findings([Got(first), Got(second)], [])), StringComparison.Ordinal);
    }

    [Fact]
    public void A_ciphertext_without_randomness_reads_directly()
    {
        var n = Public.N.ToBigInteger();
        var trivial = Public.ValidateCiphertext(BigNat.FromBigInteger((1 + (99 * n)) % (n * n)));
        Assert.Contains("reads as 99", Assert.Single(DivideOut.Findings([Got(trivial)], [])), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_holder_is_told_when_a_received_ciphertext_is_its_own_value_plus_a_small_one()
    {
        var mine = Public.Encrypt(BigNat.FromBigInteger(BigInteger.One << 900));
        var returned = mine.Add(Public.Encrypt(BigNat.FromBigInteger(5)));
        Assert.Empty(DivideOut.Findings([Got(returned)], [Mine(mine)]));
        Assert.Contains("plus 5", Assert.Single(DivideOut.Findings([Got(returned)], [Mine(mine)], held: Key.Value)), StringComparison.Ordinal);
        Assert.Empty(DivideOut.Findings([Got(Public.Encrypt(BigNat.FromBigInteger(BigInteger.One << 700)))], [Mine(mine)], held: Key.Value));
    }
}
