using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Concord.Bench.Synthetic;
using Concord.Data;
using Concord.Federation.Transport.Http;
using Concord.Flow.Api;
using Concord.Flow.Control;
using Concord.Flow.Serving;
using Concord.Local;
using Concord.ML;
using Concord.ML.Linear;
using Concord.ML.SecureBoost;
using Concord.ML.Serving;

namespace Concord.Bench.Serving;

/// <param name="Model">hetero-lr or secureboost.</param>
public sealed record ServingBenchmarkOptions(string Model, int Rows, int GuestFeatures, int HostFeatures, IReadOnlyList<int> Concurrency, double Seconds, Action<string> Progress);

/// <summary>One load level: requests answered in the measured window, failures, and latency percentiles in milliseconds.</summary>
public sealed record ServingLevel(int Concurrency, long Requests, long Errors, double Qps, double LatencyMsP50, double LatencyMsP95, double LatencyMsP99, string? FirstError);

/// <summary>
/// The serving benchmark's figures: each load level over the real transport, and the same model scored in plaintext in
/// this process one row at a time (<see cref="PlaintextQps"/>), measured in the same run. <see cref="Met"/> judges the
/// level at <see cref="TargetConcurrency"/> on a 2-core machine, null elsewhere.
/// </summary>
public sealed record ServingBenchmarkResult(
    string Model, int Rows, int GuestFeatures, int HostFeatures, int Cores, double Seconds, double TrainSeconds,
    IReadOnlyList<ServingLevel> Levels, double PlaintextQps, double PlaintextLatencyMsP99,
    int TargetConcurrency, double TargetQps, double TargetLatencyMsP99, bool? Met);

/// <summary>
/// <c>concord bench serving</c>: guest, host (and for HeteroLR the arbiter) node processes on loopback train a model on
/// synthetic default_credit-shaped data, the guest deploys it with the host's table, and a load generator in this
/// process keeps N requests in flight against POST /api/v1/serving/{name}/predict over HTTP/2 and TLS, each request
/// one customer, for each N in turn.
/// </summary>
public static class ServingBenchmark
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private const int Arbiter = 10002;
    private const string Deployment = "bench";
    private const int TargetConcurrency = 32;
    private const double TargetLatencyMsP99 = 50;
    private static readonly TableName Table = new("bench", "serving");

    public static async Task<ServingBenchmarkResult> RunAsync(ServingBenchmarkOptions options, CancellationToken ct)
    {
        var linear = options.Model switch
        {
            "hetero-lr" => true,
            "secureboost" => false,
            _ => throw new ArgumentException($"--model must be hetero-lr or secureboost (got {options.Model})"),
        };
        var folder = Directory.CreateTempSubdirectory("concord-bench-serving-").FullName;
        try
        {
            var data = SyntheticData.Generate(options.Rows, options.GuestFeatures, options.HostFeatures, seed: 11);
            var guestTable = PartyTable.Create("id", data.Ids, Names("x", data.Guest.Length), data.Guest, "y", data.Labels);
            var hostTable = PartyTable.Create("id", data.Ids, Names("h", data.Host.Length), data.Host);
            await using var federation = LocalFederation.Create(folder, Guest, [Host], linear ? Arbiter : null);
            TableStore.Open(federation.HomeOf(Guest)).Save(Table, guestTable);
            TableStore.Open(federation.HomeOf(Host)).Save(Table, hostTable);
            await federation.StartAllAsync(options.Progress, ct);
            try
            {
                using var api = federation.Operator(Guest);
                options.Progress($"training {(linear ? "HeteroLR" : "SecureBoost, 30 trees of depth 3,")} on {options.Rows:N0} rows, {options.GuestFeatures} guest + {options.HostFeatures} host features");
                var clock = Stopwatch.StartNew();
                var jobId = await api.SubmitAsync(Job(linear), "bench-serving.yaml", ct);
                var view = await api.WaitAsync(jobId, null, ct);
                if (view.Job.State != TaskState.Success)
                {
                    throw new InvalidOperationException($"the training job failed: {view.Job.Error}");
                }
                var trainSeconds = clock.Elapsed.TotalSeconds;
                var modelId = $"{jobId}_model_0";
                await api.DeployServingAsync(new ServingDeploy(Deployment, modelId, null, new() { [Host] = new TableRef(Table.Namespace, Table.Name) }), ct);

                var bodies = Bodies(guestTable);
                using var http = federation.OperatorHttp(Guest);
                var levels = new List<ServingLevel>();
                foreach (var concurrency in options.Concurrency)
                {
                    options.Progress($"{concurrency} request(s) in flight for {options.Seconds:G} s");
                    levels.Add(await MeasureAsync(http.Http, bodies, concurrency, options.Seconds, ct));
                    options.Progress($"  {levels[^1].Qps:F0} requests/s, p50 {levels[^1].LatencyMsP50:F1} ms, p99 {levels[^1].LatencyMsP99:F1} ms, {levels[^1].Errors} error(s)");
                }

                options.Progress("scoring the same model in plaintext in this process, one row at a time");
                var (plainQps, plainP99) = Plaintext(linear, await federation.ModelBytesAsync(Guest, modelId, ct), await federation.ModelBytesAsync(Host, modelId, ct),
                    guestTable, hostTable, Math.Min(options.Seconds, 5));
                var targetQps = linear ? 2000 : 1000;
                var judged = levels.FirstOrDefault(l => l.Concurrency == TargetConcurrency);
                bool? met = Environment.ProcessorCount == 2 && judged is not null ? judged.Qps >= targetQps && judged.LatencyMsP99 <= TargetLatencyMsP99 && judged.Errors == 0 : null;
                return new ServingBenchmarkResult(options.Model, options.Rows, options.GuestFeatures, options.HostFeatures, Environment.ProcessorCount, options.Seconds, trainSeconds,
                    levels, plainQps, plainP99, TargetConcurrency, targetQps, TargetLatencyMsP99, met);
            }
            finally
            {
                await federation.StopAllAsync(null);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Keeps <paramref name="concurrency"/> requests in flight: a one-second warm-up, then the measured window.</summary>
    private static async Task<ServingLevel> MeasureAsync(HttpClient http, byte[][] bodies, int concurrency, double seconds, CancellationToken ct)
    {
        var path = OperatorClient.PredictPath(Deployment);
        long errors = 0;
        string? firstError = null;
        var warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        var stopAt = warmUntil + (long)(seconds * Stopwatch.Frequency);
        var latencies = new List<double>[concurrency];
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var own = latencies[w] = [];
            var random = new Random(w);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var start = Stopwatch.GetTimestamp();
                using var content = new ByteArrayContent(bodies[random.Next(bodies.Length)]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.SendAsync(MutualTlsClient.Request(HttpMethod.Post, path, content), ct);
                var answer = await response.Content.ReadAsStringAsync(ct);
                if (start < warmUntil)
                {
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode}: {answer}", null);
                    continue;
                }
                own.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }, ct)).ToArray();
        await Task.WhenAll(workers);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new ServingLevel(concurrency, all.Length, errors, all.Length / seconds, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99), firstError);
    }

    /// <summary>Requests per second and p99 (ms) of scoring one row at a time in this process: the host's lookup, then the guest's scorer.</summary>
    private static (double Qps, double LatencyMsP99) Plaintext(bool linear, byte[] guestShare, byte[] hostShare, PartyTable guest, PartyTable host, double seconds)
    {
        var hostColumns = new NumericColumns([.. host.Schema.FeatureNames], [.. Enumerable.Range(0, host.FeatureCount).Select(j => host.Column(j).ToArray())]);
        HostAnswers answers;
        GuestScorer scorer;
        if (linear)
        {
            answers = HostAnswers.Linear(PartyLinearModel.FromBytes(hostShare), host.Ids, hostColumns, "host");
            scorer = new LinearGuestScorer(PartyLinearModel.FromBytes(guestShare), [Host]);
        }
        else
        {
            var lookup = HostLookupTable.FromBytes(hostShare);
            answers = HostAnswers.Boost(lookup, host.Ids, hostColumns, "host");
            scorer = new BoostGuestScorer(SecureBoostModel.FromBytes(guestShare), [Host], [[.. lookup.Splits.Select(s => s.Id)]]);
        }
        var order = scorer.Features.Select(f => guest.Schema.IndexOf(f)).ToArray();
        var latencies = new List<double>();
        var random = new Random(3);
        var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var begin = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            var start = Stopwatch.GetTimestamp();
            var row = random.Next(guest.RowCount);
            var answer = answers.Answer([guest.Ids[row]], []);
            var columns = new NumericColumns(scorer.Features, [.. order.Select(j => new[] { guest[row, j] })]);
            _ = scorer.Score(columns, [answer]);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        var elapsed = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        latencies.Sort();
        return (latencies.Count / elapsed, Percentile([.. latencies], 0.99));
    }

    /// <summary>One request body per customer (up to 5,000 of them): the id and the guest's features.</summary>
    private static byte[][] Bodies(PartyTable guest) => [.. Enumerable.Range(0, Math.Min(guest.RowCount, 5000)).Select(r =>
    {
        var features = new JsonObject();
        foreach (var (name, j) in guest.Schema.FeatureNames.Select((name, j) => (name, j)))
        {
            features[name] = guest[r, j];
        }
        return System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["id"] = guest.Ids[r], ["features"] = features }.ToJsonString());
    })];

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static string[] Names(string prefix, int count) => [.. Enumerable.Range(0, count).Select(j => $"{prefix}{j}")];

    private static string Job(bool linear) => $$"""
        job: { name: bench-serving, timeout: 3600, seed: 1 }
        parties: { guest: {{Guest}}, hosts: [{{Host}}]{{(linear ? $", arbiter: {Arbiter}" : "")}} }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: {{Table.Namespace}}, name: {{Table.Name}} } }
          - name: model_0
            type: {{(linear ? "hetero_lr" : "hetero_secureboost")}}
            inputs: { train_data: reader_0.data }
            parameters: {{(linear
                ? "{ max_iter: 5, optimizer: rmsprop, learning_rate: 0.1, key_bits: 1024, standardize: true }"
                : "{ num_trees: 30, max_depth: 3, learning_rate: 0.3, key_bits: 1024 }")}}
        """;
}
