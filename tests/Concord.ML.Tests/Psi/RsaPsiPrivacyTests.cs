using System.Numerics;
using Concord.Crypto.Rsa;
using Concord.ML.Psi;
using static Concord.ML.Tests.Psi.PsiTranscriptTests;

namespace Concord.ML.Tests.Psi;

/// <summary>RSA-PSI's own secrets on recorded transcripts: the host's private key, and the guest's hashes under the blinding.</summary>
public class RsaPsiPrivacyTests
{
    private static readonly PsiOptions Options = PsiFederation.Options(PsiMethod.Rsa);
    private static readonly string[] GuestIds = [.. Enumerable.Range(0, 60).Select(i => $"customer-{i:D3}")];
    private static readonly string[] HostIds = [.. Enumerable.Range(30, 60).Select(i => $"customer-{i:D3}")];

    [Fact]
    public async Task The_guest_receives_each_host_s_public_key_and_nothing_of_its_private_key()
    {
        var run = await PsiFederation.RunAsync(Options, GuestIds, HostIds, HostIds);

        var atGuest = run.Transcripts[PsiFederation.GuestId].ReceivedBy(PsiFederation.GuestId).ToList();
        for (var h = 0; h < 2; h++)
        {
            var key = PsiFederation.RsaKey(h);
            var published = (byte[][])atGuest.Single(e => e.Key.Tag == "host_public_key" && e.Key.From.Id == PsiFederation.FirstHostId + h).Value!;
            Assert.Equal([key.PublicKey.N.ToBigEndian(), [0x01, 0x00, 0x01]], published);
            foreach (var (what, secret) in PrivateParts(key))
            {
                Assert.False(atGuest.Any(e => Contains(e.Payload, secret) || Contains(e.Payload, [.. secret.Reverse()])), $"the guest received host {h}'s {what}");
            }
        }
    }

    [Fact]
    public async Task A_host_receives_values_that_are_neither_hashes_nor_signatures_and_differ_on_every_run()
    {
        var first = await PsiFederation.RunAsync(Options, GuestIds, HostIds);
        var second = await PsiFederation.RunAsync(Options, GuestIds, HostIds);

        var key = PsiFederation.RsaKey(0);
        var width = key.PublicKey.ValueBytes;
        var hashes = RsaBlindSignatures.HashIds(key.PublicKey, GuestIds, Options.SaltBytes);
        var signatures = RsaBlindSignatures.Sign(key, hashes);
        var blinded = new[] { first, second }.Select(run => (byte[])run.Transcripts[PsiFederation.FirstHostId].Entries.Single(e => e.Key.Tag == "guest_blinded_ids").Value!).ToArray();

        Assert.All(blinded, b => Assert.Equal(hashes.Length, b.Length));
        var unblinded = Split(hashes, width).Concat(Split(signatures, width)).Select(Convert.ToHexString).ToHashSet();
        var values = blinded.SelectMany(b => Split(b, width)).ToList();
        Assert.All(values, v => Assert.True(new BigInteger(v, isUnsigned: true, isBigEndian: true) < key.PublicKey.N.ToBigInteger()));
        Assert.DoesNotContain(values, v => unblinded.Contains(Convert.ToHexString(v)));
        // Fresh r for every id on every run: the same ids never look the same twice, so runs cannot be linked.
        Assert.Equal(values.Count, values.Select(Convert.ToHexString).Distinct().Count());
    }

    /// <summary>p, q, d = e⁻¹ mod φ(n), d mod (p − 1) and d mod (q − 1), big-endian.</summary>
    private static IEnumerable<(string What, byte[] Bytes)> PrivateParts(RsaPrivateKey key)
    {
        var (p, q) = (key.P.ToBigInteger(), key.Q.ToBigInteger());
        var d = Inverse(key.PublicKey.E.ToBigInteger(), (p - 1) * (q - 1));
        return new[] { ("p", p), ("q", q), ("d", d), ("d mod (p − 1)", d % (p - 1)), ("d mod (q − 1)", d % (q - 1)) }
            .Select(part => (part.Item1, part.Item2.ToByteArray(isUnsigned: true, isBigEndian: true)));
    }

    private static BigInteger Inverse(BigInteger a, BigInteger m)
    {
        var (r0, r1, s0, s1) = (m, a % m, BigInteger.Zero, BigInteger.One);
        while (r1 != 0)
        {
            var quotient = r0 / r1;
            (r0, r1, s0, s1) = (r1, r0 - (quotient * r1), s1, s0 - (quotient * s1));
        }
        return ((s0 % m) + m) % m;
    }
}
