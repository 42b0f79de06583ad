using Concord.Crypto.Paillier;
using Concord.Federation.Parties;
using Concord.Federation.Recording;
using Concord.ML.FeatureBinning;
using Concord.Tests.Shared;

namespace Concord.ML.Tests.FeatureBinning;

/// <summary>A guest and its hosts running hetero feature binning in one process over the in-memory transport, each with its own transcript.</summary>
internal sealed record BinningFederation(Task<BinningResult> Guest, IReadOnlyList<Task<BinningResult>> Hosts, IReadOnlyDictionary<int, Transcript> Transcripts, CancellationTokenSource Cancellation)
{
    public const int GuestId = 9999;
    public const int FirstHostId = 10000;

    /// <summary>One key for every test: generating safe primes per test would dominate their time.</summary>
    public static PaillierPrivateKey Key => SharedKey.Value;

    private static readonly Lazy<PaillierPrivateKey> SharedKey = new(() => PaillierKeyGenerator.Generate(1024).PrivateKey);

    public Task<Exception?> SettleAsync() => ProtocolRun.SettleAsync([Guest, .. Hosts], Cancellation);

    public static BinningFederation Start(BinningData guest, FeatureBinningOptions guestOptions, params (BinningData Data, FeatureBinningOptions Options)[] hosts)
    {
        var roster = new Roster(GuestId, [.. hosts.Select((_, i) => FirstHostId + i)]);
        var parties = InMemoryParties.Join(roster, "job-binning", ["hetero_feature_binning"], TimeSpan.FromSeconds(30));
        var cancellation = new CancellationTokenSource();
        var ct = cancellation.Token;
        var key = Key;
        var guestTask = Task.Run(() => new FeatureBinningGuest(parties.Contexts[roster.Guest]).RunAsync(guest, guestOptions, key, ct));
        var hostTasks = roster.Hosts.Zip(hosts, (party, h) => Task.Run(() => new FeatureBinningHost(parties.Contexts[party]).RunAsync(h.Data, h.Options, ct))).ToList();
        return new BinningFederation(guestTask, hostTasks, parties.Transcripts, cancellation);
    }

    public static async Task<BinningFederation> RunAsync(BinningData guest, FeatureBinningOptions guestOptions, params (BinningData, FeatureBinningOptions)[] hosts)
    {
        var run = Start(guest, guestOptions, hosts);
        if (await run.SettleAsync() is Exception failure)
        {
            throw failure;
        }
        return run;
    }
}

/// <summary>Small vertically split data sets: the guest's columns and labels, each host's columns, on the same ids.</summary>
internal static class SplitData
{
    public static string[] Ids(int rows) => [.. Enumerable.Range(0, rows).Select(r => $"id{r}")];

    /// <summary>Columns that depend on the label (so IVs differ), with missing values in every other column.</summary>
    public static NumericColumns Columns(string prefix, int count, double[] labels, int seed, double missingRate = 0.1)
    {
        var random = new Random(seed);
        var names = Enumerable.Range(0, count).Select(c => $"{prefix}{c}").ToList();
        var values = names.Select((_, c) => labels.Select(y =>
            c % 2 == 1 && random.NextDouble() < missingRate ? double.NaN
            : Math.Round((random.NextDouble() * 10) + (y * c * 0.7), c % 3 == 0 ? 0 : 3)).ToArray()).ToList();
        return new NumericColumns(names, values);
    }

    public static double[] Labels(int rows, int classes, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, rows).Select(_ => (double)random.Next(classes))];
    }

    public static NumericColumns Join(params NumericColumns[] parts) =>
        new([.. parts.SelectMany(p => p.Names)], [.. parts.SelectMany(p => Enumerable.Range(0, p.ColumnCount).Select(c => p[c].ToArray()))]);
}
