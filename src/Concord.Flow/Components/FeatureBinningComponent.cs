using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Crypto.Profiling;
using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.FeatureBinning;

namespace Concord.Flow.Components;

/// <summary>
/// hetero_feature_binning: each party cuts its own columns into bins; the guest computes WOE and IV of its bins in
/// plaintext and of every host's bins from Paillier sums of its encrypted labels (<see cref="FeatureBinningGuest"/>).
/// Outputs the transformed table, the fitted state as the model (replayed on new rows when given as input_model), and
/// metrics: at the guest IV and bin tables of its own and every anonymous host column, at a host its cut points and WOEs.
/// </summary>
public sealed class FeatureBinningComponent : IFederatedComponent
{
    public string Type => "hetero_feature_binning";

    public async Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var self = run.Context.Self;
        var who = $"hetero_feature_binning at party {self}";
        var table = run.RequireInput("data");
        if (run.Slots.Contains("input_model"))
        {
            var fitted = run.Models.TryGetValue("input_model", out var bytes)
                ? BinningModel.FromBytes(bytes, $"party {self}'s input_model")
                : throw new ArgumentException($"party {self}: input_model holds no hetero_feature_binning model at this party; load one with model_loader from its registry");
            run.Log($"applied the fitted binning ({fitted.Transform}) to {fitted.TransformColumns.Count} columns");
            return new ComponentOutput(Data: BinningTransform.Apply(table, fitted, who), Model: fitted.ToBytes());
        }
        var options = OptionsBinder.Bind<FeatureBinningOptions>(run.Parameters, FeatureBinningSpec.Spec);
        var data = new BinningData(table.Ids, TableColumns.Features(table), table.Labels);
        var timer = new PhaseTimer();
        BinningResult result;
        using (timer.Install())
        {
            result = self.Role == Role.Guest
                ? await new FeatureBinningGuest(run.Context, run.Log).RunAsync(data with
                {
                    Labels = table.Labels ?? throw new ArgumentException($"{who}: the guest's data has no label column; name it in the reader or data_transform"),
                }, options, ct: ct).ConfigureAwait(false)
                : await new FeatureBinningHost(run.Context).RunAsync(data, options, ct).ConfigureAwait(false);
        }
        timer.Stop();
        var model = BinningTransform.Fit(result, options, who);
        run.Log($"binned {result.Own.ColumnCount} own columns" + (result.HostTables.Count > 0 ? $" and {result.HostTables.Count} anonymous host columns" : ""));
        return new ComponentOutput(Data: BinningTransform.Apply(table, model, who), Metrics: Metrics(result, timer), Model: model.ToBytes());
    }

    private static JsonObject Metrics(BinningResult result, PhaseTimer times) => new()
    {
        ["seconds"] = Seconds(times),
        ["iv"] = new JsonObject(result.OwnTables.Concat(result.HostTables).Select(t => KeyValuePair.Create(t.Column, (JsonNode?)t.Iv))),
        ["bins"] = JsonSerializer.SerializeToNode(result.OwnTables.Concat(result.HostTables), Control.ControlJson.Options),
    };

    /// <summary>Seconds per phase (cut points count as plaintext; the host's sums per bin as histogram) and the process's CPU seconds.</summary>
    private static JsonObject Seconds(PhaseTimer times)
    {
        Phase[] phases = [Phase.KeyGeneration, Phase.Encrypt, Phase.Decrypt, Phase.Histogram, Phase.Plaintext, Phase.Serialization, Phase.Transport];
        var seconds = new JsonObject([.. phases.Select(p => KeyValuePair.Create(p.Name(), (JsonNode?)Math.Round(times.Seconds.GetValueOrDefault(p), 3)))]);
        seconds["cpu"] = Math.Round(times.CpuSeconds, 3);
        return seconds;
    }
}
