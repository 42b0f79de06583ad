using System.Numerics;
using System.Runtime.InteropServices;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.Federation.Recording;
using Concord.ML.SecureAggregation;
using Concord.ML.Statistics;
using Concord.Tests.Shared;

namespace Concord.ML.Tests.Statistics;

/// <summary>What crossed the wire: every message each party received, searched for other parties' private values.</summary>
public class TranscriptPrivacyTests
{
    /// <summary>A private quantity, by owner, with the forms in which it could travel.</summary>
    private sealed record Secret(int Owner, string What, UInt128[] AsRing, ulong[] AsWords);

    [Fact]
    public async Task No_party_receives_another_partys_local_sums_or_counts()
    {
        var (guest, hosts) = StatisticsProtocolTests.BreastSplit();
        var (run, failure) = await SettledAsync(guest, hosts);
        var secrets = MomentSecrets(guest, hosts);
        Assert.NotEmpty(secrets);

        foreach (var (receiver, transcript) in run.Transcripts)
        {
            var leaks = Leaks(MailboxView.Contents(transcript, receiver), secrets.Where(s => s.Owner != receiver));
            Assert.True(leaks.Count == 0, $"party {receiver} received: {string.Join("; ", leaks.Take(5))}");
        }
        TranscriptAssert.EndOfRun(failure, run.Transcripts, ExpectedTags);
    }

    [Fact]
    public async Task The_guest_never_receives_a_hosts_values_or_local_extremes_and_hosts_see_only_the_global_ones()
    {
        var (guest, hosts) = StatisticsProtocolTests.BreastSplit();
        var (run, failure) = await SettledAsync(guest, hosts);
        // The global extremes from the parties' data, not from the result: the check must not need the run to succeed.
        var global = Enumerable.Range(0, guest.ColumnCount).SelectMany(c =>
        {
            var all = new[] { guest }.Concat(hosts).SelectMany(d => d[c].ToArray()).Where(x => !double.IsNaN(x)).ToList();
            return all.Count == 0 ? [] : new[] { all.Min(), all.Max() };
        }).ToHashSet();

        var parties = new[] { guest }.Concat(hosts).Select((data, i) => (Id: i == 0 ? StatisticsFederation.GuestId : StatisticsFederation.FirstHostId + i - 1, Data: data)).ToList();
        foreach (var (receiver, transcript) in run.Transcripts)
        {
            // Every other party's raw values, local minima and maxima; the global extremes are the result, and the
            // hosts see the probes converge on them, so those are allowed to hosts (see StatisticsGuest's remarks).
            var secrets = parties.Where(p => p.Id != receiver)
                .SelectMany(p => ValueSecrets(p.Id, p.Data))
                .Where(s => receiver == StatisticsFederation.GuestId || !global.Contains(BitConverter.UInt64BitsToDouble(s.AsWords[0])))
                .ToList();
            var leaks = Leaks(MailboxView.Contents(transcript, receiver), secrets);
            Assert.True(leaks.Count == 0, $"party {receiver} received: {string.Join("; ", leaks.Take(5))}");
        }
        TranscriptAssert.EndOfRun(failure, run.Transcripts, ExpectedTags);
    }

    [Fact]
    public async Task Each_party_receives_exactly_the_messages_of_the_protocol()
    {
        var (guest, hosts) = StatisticsProtocolTests.BreastSplit();
        var (run, failure) = await SettledAsync(guest, hosts);
        // Hosts never receive anything masked, let alone another party's masked vector.
        Assert.DoesNotContain(run.Transcripts[10000].Entries, e => e.Value is UInt128[]);
        TranscriptAssert.EndOfRun(failure, run.Transcripts, ExpectedTags);

        var atGuest = Inventory(run.Transcripts[StatisticsFederation.GuestId], StatisticsFederation.GuestId);
        Assert.Equal(new Dictionary<string, int>
        {
            ["column_schema"] = 2,
            ["ecdh_public_key"] = 2,
            ["masked_moments"] = 2,
            ["masked_probe_counts"] = 2 * 64,
        }, atGuest);
        foreach (var host in new[] { 10000, 10001 })
        {
            Assert.Equal(new Dictionary<string, int>
            {
                ["schema_verdict"] = 1,
                ["ecdh_public_key"] = 2,
                ["extreme_probes"] = 64,
            }, Inventory(run.Transcripts[host], host));
        }
    }

    [Fact]
    public void The_leak_detector_finds_an_unmasked_sum_in_a_payload()
    {
        var (guest, hosts) = StatisticsProtocolTests.BreastSplit();
        var secrets = MomentSecrets(guest, hosts);
        var plain = ColumnMoments.Encode(hosts[0]);
        var key = new MessageKey("job", "statistics", "masked_moments", PartyRef.Host(10000), PartyRef.Guest(9999));
        var ofHost = secrets.Where(s => s.Owner == 10000).ToList();
        // Shifted by three bytes, so the raw search must look at every offset, not only aligned ones.
        var sumAsRawBytes = MemoryMarshal.AsBytes(plain.AsSpan(2 * ColumnMoments.Limbs, ColumnMoments.Limbs)).ToArray();
        Assert.NotEmpty(Leaks([new TranscriptEntry(key, [1, 2, 3, .. sumAsRawBytes], null)], ofHost));
        Assert.NotEmpty(Leaks([new TranscriptEntry(key, [], plain)], ofHost));
        var sum = FixedPoint.FromRing(plain.AsSpan(2 * ColumnMoments.Limbs, ColumnMoments.Limbs));
        var sumAsDouble = BitConverter.GetBytes(Math.ScaleB((double)sum, -FixedPoint.FractionBits));
        Assert.NotEmpty(Leaks([new TranscriptEntry(key, [9, .. sumAsDouble], null)], ofHost));
        Assert.Empty(Leaks([new TranscriptEntry(key, [1, 2, 3, .. sumAsRawBytes], null)], secrets.Where(s => s.Owner == 10001)));
    }

    /// <summary>Each party's per-column count, missing count, Σx and Σx², in every form they could travel unmasked.</summary>
    private static List<Secret> MomentSecrets(NumericColumns guest, NumericColumns[] hosts)
    {
        string[] quantities = ["count", "missing", "Σx", "Σx²"];
        var secrets = new List<Secret>();
        foreach (var (owner, data) in new[] { (StatisticsFederation.GuestId, guest) }.Concat(hosts.Select((h, i) => (StatisticsFederation.FirstHostId + i, h))))
        {
            var ring = ColumnMoments.Encode(data);
            for (var c = 0; c < data.ColumnCount; c++)
            {
                for (var k = 0; k < quantities.Length; k++)
                {
                    var value = FixedPoint.FromRing(ring.AsSpan(c * ColumnMoments.PerColumn + k * ColumnMoments.Limbs, ColumnMoments.Limbs));
                    // Its scale as sent: counts 1, Σx 2^32, Σx² 2^64. It could also have gone at scale 2^32, or as a double.
                    var scaleBits = k < 2 ? 0 : (k - 1) * FixedPoint.FractionBits;
                    var atFixedPoint = (value << FixedPoint.FractionBits) >> scaleBits;
                    UInt128[] forms = [LowLimb(value), LowLimb(atFixedPoint)];
                    secrets.Add(new Secret(owner, $"{data.Names[c]} {quantities[k]}", forms, [BitConverter.DoubleToUInt64Bits(Math.ScaleB((double)value, -scaleBits))]));
                }
            }
        }
        return secrets;
    }

    /// <summary>The first 16 bytes of a two's-complement encoding of any width: what a search for the whole must match first.</summary>
    private static UInt128 LowLimb(BigInteger value) => (UInt128)(value & UInt128.MaxValue);

    /// <summary>Every value, local minimum and local maximum of a party, as a double and as a sortable key.</summary>
    private static IEnumerable<Secret> ValueSecrets(int owner, NumericColumns data)
    {
        for (var c = 0; c < data.ColumnCount; c++)
        {
            var values = data[c].ToArray().Where(x => !double.IsNaN(x)).ToArray();
            foreach (var x in values.Distinct())
            {
                var what = x == values.Min() ? "local min" : x == values.Max() ? "local max" : "value";
                yield return new Secret(owner, $"{data.Names[c]} {what} {x:R}", [], [BitConverter.DoubleToUInt64Bits(x), SortableDouble.ToKey(x)]);
            }
        }
    }

    /// <summary>Secrets found in decoded vectors, or anywhere in the raw payload bytes.</summary>
    private static List<string> Leaks(IEnumerable<TranscriptEntry> received, IEnumerable<Secret> secrets)
    {
        var rings = new Dictionary<UInt128, Secret>();
        var words = new Dictionary<ulong, Secret>();
        foreach (var secret in secrets)
        {
            foreach (var r in secret.AsRing)
            {
                rings.TryAdd(r, secret);
            }
            foreach (var w in secret.AsWords)
            {
                words.TryAdd(w, secret);
            }
        }
        var leaks = new List<string>();
        foreach (var entry in received)
        {
            void Found(Secret s, string how) => leaks.Add($"{s.What} of party {s.Owner} {how} in \"{entry.Key.Tag}\" ({entry.Key.Scope}) from {entry.Key.From}");
            var decoded = entry.Value switch
            {
                UInt128[] v => v,
                ulong[] v => [.. v.Select(x => (UInt128)x)],
                _ => [],
            };
            foreach (var element in decoded)
            {
                if (rings.TryGetValue(element, out var s) || (element <= ulong.MaxValue && words.TryGetValue((ulong)element, out s)))
                {
                    Found(s, "as a decoded element");
                }
            }
            for (var offset = 0; offset + 8 <= entry.Payload.Length; offset++)
            {
                var window = entry.Payload.AsSpan(offset);
                // A zero count is all zero bytes, which framing can hold by chance; the decoded check covers it.
                if (window.Length >= 16 && MemoryMarshal.Read<UInt128>(window) is var r && r != 0 && rings.TryGetValue(r, out var s))
                {
                    Found(s, $"as raw bytes at offset {offset}");
                }
                if (MemoryMarshal.Read<ulong>(window) is var w && w != 0 && words.TryGetValue(w, out s))
                {
                    Found(s, $"as raw bytes at offset {offset}");
                }
            }
        }
        return leaks;
    }

    /// <summary>How many messages of each tag landed in the party's mailbox, read or not.</summary>
    private static Dictionary<string, int> Inventory(Transcript transcript, int party) =>
        transcript.DeliveredTo(party).GroupBy(e => e.Key.Tag).ToDictionary(g => g.Key, g => g.Count());

    private static readonly Dictionary<int, string[]> ExpectedTags = new()
    {
        [StatisticsFederation.GuestId] = ["column_schema", "ecdh_public_key", "masked_moments", "masked_probe_counts"],
        [StatisticsFederation.FirstHostId] = ["ecdh_public_key", "extreme_probes", "schema_verdict"],
        [StatisticsFederation.FirstHostId + 1] = ["ecdh_public_key", "extreme_probes", "schema_verdict"],
    };

    /// <summary>A run settled whatever its outcome, so that the transcript is checked before (and apart from) the result.</summary>
    private static async Task<(StatisticsFederation Run, Exception? Failure)> SettledAsync(NumericColumns guest, NumericColumns[] hosts)
    {
        var run = StatisticsFederation.Start(guest, hosts);
        return (run, await run.SettleAsync());
    }

}
