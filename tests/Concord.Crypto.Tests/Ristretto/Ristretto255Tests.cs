using System.Security.Cryptography;
using Concord.Crypto.Ristretto;

namespace Concord.Crypto.Tests.Ristretto;

public class Ristretto255Tests
{
    [Fact]
    public void Scalar_multiplication_matches_the_published_small_multiples_of_the_basepoint()
    {
        // From the ristretto255 test vectors (RFC 9496, appendix A.1): B and [2]B.
        var basepoint = Convert.FromHexString("e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76");
        var two = new byte[Ristretto255.ScalarBytes];
        two[0] = 2;
        var doubled = new byte[Ristretto255.PointBytes];
        Ristretto255.Multiply(two, basepoint, doubled);
        Assert.Equal("6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919", Convert.ToHexStringLower(doubled));
    }

    [Fact]
    public void Blinding_commutes_and_an_inverse_unblinds()
    {
        var points = PointBatch.HashToGroup([.. Enumerable.Range(0, 300).Select(i => $"id-{i}")], "salt"u8);
        var (a, b) = (Ristretto255.RandomScalar(), Ristretto255.RandomScalar());

        var ab = PointBatch.Multiply(b, PointBatch.Multiply(a, points));
        var ba = PointBatch.Multiply(a, PointBatch.Multiply(b, points));

        Assert.Equal(ab, ba);
        Assert.NotEqual(points, PointBatch.Multiply(a, points));
        Assert.Equal(points, PointBatch.Multiply(Ristretto255.Invert(a), PointBatch.Multiply(a, points)));
    }

    [Fact]
    public void The_parallel_batch_equals_one_element_at_a_time()
    {
        string[] ids = [.. Enumerable.Range(0, 500).Select(i => $"+44 7700 900{i:D3}")];
        var batch = PointBatch.HashToGroup(ids, "s"u8);
        var scalar = Ristretto255.RandomScalar();
        var blinded = PointBatch.Multiply(scalar, batch);

        for (var i = 0; i < ids.Length; i += 37)
        {
            Assert.Equal(PointBatch.At(batch, i).ToArray(), PointBatch.HashToGroup([ids[i]], "s"u8, maxDegreeOfParallelism: 1));
            var one = new byte[Ristretto255.PointBytes];
            Ristretto255.Multiply(scalar, PointBatch.At(batch, i), one);
            Assert.Equal(PointBatch.At(blinded, i).ToArray(), one);
        }
    }

    [Fact]
    public void The_salt_and_the_id_boundary_change_the_hash()
    {
        var plain = PointBatch.HashToGroup(["bc", "bc"], "a"u8);
        Assert.Equal(PointBatch.At(plain, 0).ToArray(), PointBatch.At(plain, 1).ToArray());
        Assert.NotEqual(plain[..32], PointBatch.HashToGroup(["bc"], "b"u8));
        Assert.NotEqual(plain[..32], PointBatch.HashToGroup(["c"], "ab"u8));
        Assert.NotEqual(plain[..32], PointBatch.HashToGroup(["bd"], "a"u8));
    }

    [Fact]
    public void Hash_to_group_is_from_hash_of_sha_512_over_the_domain_the_length_prefixed_salt_and_the_id()
    {
        // Pinned so that sharing the salted id hash with RSA-PSI cannot silently change ECDH's hashes.
        var digest = SHA512.HashData([.. "concord-psi-v1"u8, 4, 0, 0, 0, .. "salt"u8, .. "id-7"u8]);
        var expected = new byte[Ristretto255.PointBytes];
        Ristretto255.FromHash(digest, expected);

        Assert.Equal(expected, PointBatch.HashToGroup(["id-7"], "salt"u8));
    }

    [Fact]
    public void Bytes_that_are_not_a_group_element_are_refused_naming_the_element()
    {
        var points = PointBatch.HashToGroup(["x", "y", "z"], ""u8);
        points.AsSpan(64, 32).Fill(0xFF);

        var error = Assert.Throws<InvalidGroupElementException>(() => PointBatch.Multiply(Ristretto255.RandomScalar(), points, "the host's ids"));
        Assert.Contains("the host's ids #2", error.Message);
        Assert.Throws<InvalidGroupElementException>(() => PointBatch.Multiply(Ristretto255.RandomScalar(), new byte[33], "a ragged buffer"));
    }
}
