using System.Numerics;
using System.Text;
using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;
using Concord.Federation.Recording;
using Concord.ML.Correlation;
using Concord.Tests.Shared;
using static Concord.ML.Tests.Correlation.CorrelationProtocolTests;

namespace Concord.ML.Tests.Correlation;

/// <summary>
/// Each party of a run on 150 breast rows played as an honest-but-curious adversary: everything delivered to it, read or
/// not, and what it can compute from that with what it holds (the guest with its private key). The guest has an extra
/// 0/1 column, so that many of its plaintexts are equal; the host's columns carry names that must not travel.
/// </summary>
public class CorrelationTranscriptTests
{
    private const int Guest = CorrelationFederation.GuestId;
    private const int Host = CorrelationFederation.FirstHostId;
    private const int Rows = 150;

    private static readonly Dictionary<int, string[]> ExpectedTags = new()
    {
        [Guest] = ["correlation_host_setup", "masked_cross_products", "host_cross_shares"],
        [Host] = ["correlation_plan", "paillier_public_key", "encrypted_guest_columns"],
    };

    private static readonly NumericColumns GuestData = WithIndicator(BreastGuest.Raw.Rows(0, Rows));
    private static readonly NumericColumns HostData = new([.. BreastHost.Raw.Names.Select(n => $"secret_{n}")], [.. Enumerable.Range(0, BreastHost.Raw.ColumnCount).Select(c => BreastHost.Raw[c][..Rows].ToArray())]);
    private static readonly PaillierKeyPair Key = PaillierKeyGenerator.Generate(1024);

    private static readonly Lazy<Task<(CorrelationFederation Run, Exception? Failure)>> Run = new(async () =>
    {
        var run = CorrelationFederation.Start(new CorrelationOptions(), Key, (GuestData, BreastGuest.Ids[..Rows]), (HostData, BreastHost.Ids[..Rows]));
        return (run, await run.SettleAsync());
    });

    [Fact]
    public async Task The_host_receives_only_ciphertexts_of_the_guest_columns_each_fresh_and_learns_no_cross_block()
    {
        var (run, failure) = await Run.Value;
        var delivered = run.Transcripts[Host].DeliveredTo(Host).ToList();
        var read = run.Transcripts[Host].ReceivedBy(Host).ToList();

        var z = StandardisedColumns.Of(GuestData, CorrelationMethod.Pearson).Z;
        var doubles = Enumerable.Range(0, GuestData.ColumnCount).SelectMany(c => GuestData[c][..40].ToArray().Concat(z[c][..40])).Where(x => x != 0).Distinct().ToList();
        var fixedPoints = z.SelectMany(c => c[..40]).Select(v => (long)Math.Round(v * CorrelationProtocol.GuestScale)).Where(v => v != 0).Distinct().ToList();
        foreach (var payload in delivered.Select(d => d.Payload))
        {
            Assert.DoesNotContain(doubles, x => Contains(payload, BitConverter.GetBytes(x)));
            Assert.DoesNotContain(fixedPoints, v => Contains(payload, BigEndian(v)));
        }
        // Equal plaintexts (the 0/1 column) under fresh randomness: no two ciphertexts alike, so none shows an equality.
        var encrypted = Assert.IsType<CipherVector>(Assert.Single(read, e => e.Key.Tag == "encrypted_guest_columns").Value);
        Assert.Equal(GuestData.ColumnCount * Rows, encrypted.Count);
        Assert.Equal(encrypted.Count, Enumerable.Range(0, encrypted.Count).Select(i => encrypted[i].Value).Distinct().Count());
        Assert.Empty((await run.Hosts[0]).Cross);

        TranscriptAssert.EndOfRun(failure, run.Transcripts, ExpectedTags);
    }

    [Fact]
    public async Task The_guest_decrypts_uniform_fresh_masks_and_learns_exactly_one_number_per_cross_correlation()
    {
        var (run, failure) = await Run.Value;
        var delivered = run.Transcripts[Guest].DeliveredTo(Guest).ToList();
        var read = run.Transcripts[Guest].ReceivedBy(Guest).ToList();
        var n = Key.PublicKey.N.ToBigInteger();
        var entries = GuestData.ColumnCount * HostData.ColumnCount;

        // Host values, names and fixed-point exponents never travel.
        var z = StandardisedColumns.Of(HostData, CorrelationMethod.Pearson).Z;
        var doubles = Enumerable.Range(0, HostData.ColumnCount).SelectMany(c => HostData[c][..40].ToArray().Concat(z[c][..40])).Where(x => x != 0).Distinct().ToList();
        var exponents = z.SelectMany(c => c[..40]).Select(v => (long)Math.Round(v * CorrelationProtocol.HostScale)).Where(v => v != 0).ToHashSet();
        foreach (var payload in delivered.Select(d => d.Payload))
        {
            Assert.DoesNotContain(doubles, x => Contains(payload, BitConverter.GetBytes(x)));
            Assert.DoesNotContain(exponents, v => Contains(payload, BigEndian(v)));
            Assert.False(Contains(payload, Encoding.UTF8.GetBytes("secret_")), "a host column name crossed to the guest");
        }

        // What the guest decrypts is the cross product plus a mask r: uniform over Z_n, so its low bits are balanced, and
        // fresh per entry. The masks are the host's shares, opened afterwards: one per cross correlation and no more.
        var masked = Assert.IsType<CipherVector>(Assert.Single(read, e => e.Key.Tag == "masked_cross_products").Value);
        var decrypted = masked.Decrypt(Key.PrivateKey).Select(m => m.ToBigInteger()).ToList();
        var masks = Assert.IsType<BigInteger[]>(Assert.Single(read, e => e.Key.Tag == "host_cross_shares").Value);
        Assert.Equal(entries, decrypted.Count);
        Assert.Equal(entries, masks.Length);
        Uniformity.AssertBitBalance(decrypted, 1000, "decrypted masked cross products");
        Uniformity.AssertBitBalance(masks, 1000, "host masks");
        Assert.Equal(entries, masks.Distinct().Count());
        Assert.All(decrypted.Zip(masks), p => Assert.NotEqual(p.First, p.Second));
        Assert.All(decrypted.Zip(masks), p => Assert.True(BigInteger.Abs(Centered(p.First - p.Second, n)) < BigInteger.One << 100, "the shares do not open to a small cross product"));

        // The masked products are fresh: no quotient with a ciphertext the guest sent reads without the key, and none
        // decrypts to within 2^64 of a plaintext the guest encrypted.
        var sent = run.Transcripts[Host].ReceivedBy(Host).Where(e => e.Value is CipherVector).SelectMany(e => Known(e)).ToList();
        DivideOut.AssertNone("guest", [.. Known(Assert.Single(read, e => e.Key.Tag == "masked_cross_products"))], sent, Key.PrivateKey);

        TranscriptAssert.EndOfRun(failure, run.Transcripts, ExpectedTags);
    }

    private static IEnumerable<DivideOut.Known> Known(TranscriptEntry entry)
    {
        var vector = (CipherVector)entry.Value!;
        return Enumerable.Range(0, vector.Count).Select(i => new DivideOut.Known($"\"{entry.Key.Tag}\"[{i}]", vector[i]));
    }

    private static NumericColumns WithIndicator(NumericColumns data) =>
        new([.. data.Names, "above_mean"], [.. Enumerable.Range(0, data.ColumnCount).Select(c => data[c].ToArray()), data[0].ToArray().Select(x => x > 0 ? 1.0 : 0.0).ToArray()]);

    private static BigInteger Centered(BigInteger value, BigInteger n)
    {
        var m = BigInteger.Remainder(value, n);
        m = m.Sign < 0 ? m + n : m;
        return m > n / 2 ? m - n : m;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static byte[] BigEndian(long v)
    {
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, v);
        return bytes;
    }
}
