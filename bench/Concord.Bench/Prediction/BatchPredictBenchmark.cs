using System.Diagnostics;
using Concord.Bench.Synthetic;
using Concord.Data;
using Concord.Flow.Control;
using Concord.Flow.Deployment;
using Concord.Flow.Serving;
using Concord.Local;
using Concord.ML;
using Concord.ML.Linear;
using Concord.ML.LocalBaseline;

namespace Concord.Bench.Prediction;

public sealed record BatchPredictBenchmarkOptions(int Rows, int TrainRows, int GuestFeatures, int HostFeatures, Action<string> Progress);

/// <summary>
/// One batch prediction: <see cref="PredictSeconds"/> is the hetero_lr predict task at the guest (handshake, each host's
/// w_h·x_h, the guest's combination and its output table), <see cref="PsiSeconds"/> the PSI before it, and
/// <see cref="PlaintextRowsPerSecond"/> the same model applied to the same rows in this process, in the same run.
/// </summary>
public sealed record BatchPredictBenchmarkResult(
    int Rows, int TrainRows, int GuestFeatures, int HostFeatures, int Cores,
    double JobSeconds, double PsiSeconds, double PredictSeconds, double RowsPerSecond, double PlaintextRowsPerSecond, double Ratio,
    double TargetRowsPerSecond, bool? Met);

/// <summary>
/// <c>concord bench predict</c>: guest, host and arbiter node processes train HeteroLR on a sample, deploy it
/// (<c>job deploy</c>), and score a table of <c>--rows</c> new customers through the deployment (<c>job predict</c>:
/// reader → PSI → hetero_lr in predict mode) over the real transport.
/// </summary>
public static class BatchPredictBenchmark
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private const int Arbiter = 10002;
    private const double TargetRowsPerSecond = 50_000;
    private static readonly TableName Train = new("bench", "train");
    private static readonly TableName New = new("bench", "new");

    public static async Task<BatchPredictBenchmarkResult> RunAsync(BatchPredictBenchmarkOptions options, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("concord-bench-predict-").FullName;
        try
        {
            options.Progress($"generating {options.Rows:N0} new customers and {options.TrainRows:N0} to train on");
            var data = SyntheticData.Generate(options.TrainRows + options.Rows, options.GuestFeatures, options.HostFeatures, seed: 5);
            var (guestTrain, hostTrain) = Tables(data, 0, options.TrainRows);
            var (guestNew, hostNew) = Tables(data, options.TrainRows, options.Rows);
            await using var federation = LocalFederation.Create(folder, Guest, [Host], Arbiter);
            foreach (var (party, train, fresh) in new[] { (Guest, guestTrain, guestNew), (Host, hostTrain, hostNew) })
            {
                var tables = TableStore.Open(federation.HomeOf(party));
                tables.Save(Train, train);
                tables.Save(New, fresh);
            }
            await federation.StartAllAsync(options.Progress, ct);
            try
            {
                using var api = federation.Operator(Guest);
                options.Progress($"training HeteroLR on {options.TrainRows:N0} rows");
                var trained = await api.WaitAsync(await api.SubmitAsync(Job, "bench-predict.yaml", ct), null, ct);
                Require(trained);
                await api.DeployAsync(new DeployRequest(trained.Job.JobId, "bench"), ct);
                options.Progress($"scoring {options.Rows:N0} new customers through the deployment (PSI, then hetero_lr in predict mode)");
                var job = await api.PredictWithAsync("bench", new PipelinePredict(new TableRef(New.Namespace, New.Name)), ct);
                var view = await api.WaitAsync(job.JobId, null, ct);
                Require(view);
                double Seconds(string component) => view.Tasks.Where(t => t.Key.Component == component && t.Key.Party == Guest)
                    .Select(t => (t.EndedAt!.Value - t.StartedAt!.Value).TotalSeconds).Single();
                var predict = Seconds("hetero_lr_0");
                var plaintext = Plaintext(await federation.ModelBytesAsync(Guest, $"{trained.Job.JobId}_hetero_lr_0", ct),
                    await federation.ModelBytesAsync(Host, $"{trained.Job.JobId}_hetero_lr_0", ct), guestNew, hostNew);
                var rate = options.Rows / predict;
                return new BatchPredictBenchmarkResult(options.Rows, options.TrainRows, options.GuestFeatures, options.HostFeatures, Environment.ProcessorCount,
                    (view.Job.EndedAt!.Value - view.Job.StartedAt!.Value).TotalSeconds, Seconds("psi_0"), predict, rate, plaintext, plaintext / rate,
                    TargetRowsPerSecond, Environment.ProcessorCount == 2 ? rate >= TargetRowsPerSecond : null);
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

    /// <summary>Rows per second of both shares applied to the same rows in this process, the host's part and the guest's together.</summary>
    private static double Plaintext(byte[] guestShare, byte[] hostShare, PartyTable guest, PartyTable host)
    {
        var clock = Stopwatch.StartNew();
        var guestModel = PartyLinearModel.FromBytes(guestShare);
        var hostModel = PartyLinearModel.FromBytes(hostShare);
        var guestPart = LocalLinearTrainer.LinearPredictor(guestModel.Prepare(Columns(guest), "guest").Columns, guestModel.Weights[0], guest.RowCount);
        var hostPart = LocalLinearTrainer.LinearPredictor(hostModel.Prepare(Columns(host), "host").Columns, hostModel.Weights[0], host.RowCount);
        var scores = guestPart.Select((z, i) => Residuals.Predict(LinearTask.Logistic, z + hostPart[i], 1)).ToArray();
        return scores.Length / clock.Elapsed.TotalSeconds;
    }

    private static NumericColumns Columns(PartyTable table) =>
        new([.. table.Schema.FeatureNames], [.. Enumerable.Range(0, table.FeatureCount).Select(j => table.Column(j).ToArray())]);

    private static void Require(Flow.Api.JobView view)
    {
        if (view.Job.State != TaskState.Success)
        {
            throw new InvalidOperationException($"job {view.Job.JobId} did not succeed: {view.Job.Error}");
        }
    }

    /// <summary>Rows [from, from + count) of the synthetic data, as the guest's table (with labels) and the host's.</summary>
    private static (PartyTable Guest, PartyTable Host) Tables(SyntheticData data, int from, int count)
    {
        string[] ids = data.Ids[from..(from + count)];
        double[][] Slice(double[][] columns) => [.. columns.Select(c => c[from..(from + count)])];
        return (
            PartyTable.Create("id", ids, [.. data.Guest.Select((_, j) => $"x{j}")], Slice(data.Guest), "y", data.Labels[from..(from + count)]),
            PartyTable.Create("id", ids, [.. data.Host.Select((_, j) => $"h{j}")], Slice(data.Host)));
    }

    private const string Job = """
        job: { name: bench-predict, timeout: 3600, seed: 1 }
        parties: { guest: 9999, hosts: [10000], arbiter: 10002 }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: bench, name: train } }
          - name: psi_0
            type: psi
            inputs: { data: reader_0.data }
            parameters: { salt: bench-predict }
          - name: hetero_lr_0
            type: hetero_lr
            inputs: { train_data: psi_0.data }
            parameters: { max_iter: 5, optimizer: rmsprop, learning_rate: 0.1, key_bits: 1024, standardize: true }
        """;
}
