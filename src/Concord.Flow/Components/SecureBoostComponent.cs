using System.Text.Json.Nodes;
using Concord.Crypto.Profiling;
using Concord.Data;
using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.LocalBaseline;
using Concord.ML.SecureBoost;
using Concord.ML.Validation;

namespace Concord.Flow.Components;

/// <summary>
/// hetero_secureboost: lossless federated gradient boosting over vertically split data. The guest outputs the
/// prediction on its training rows (predict_score, or predict_score_&lt;class&gt; under softmax) next to the labels, and
/// its part of the model; each host outputs its own lookup table. Each may continue a model through warm_start_model.
/// Given test_data and input_model instead, it predicts: the guest outputs the same table for the new rows.
/// </summary>
public sealed class SecureBoostComponent : IFederatedComponent
{
    public string Type => "hetero_secureboost";

    public async Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        if (run.Slots.Contains("test_data"))
        {
            return await PredictAsync(run, ct).ConfigureAwait(false);
        }
        var options = Options(run.Parameters, run.Seed);
        var self = run.Context.Self;
        var table = run.RequireInput("train_data");
        var validate = run.Inputs.GetValueOrDefault("validate_data");
        run.Models.TryGetValue("warm_start_model", out var warm);
        if (self.Role == Role.Host)
        {
            var data = new HostBoostData(table.Ids, TableColumns.Features(table), validate?.Ids, validate is null ? null : TableColumns.Features(validate));
            var host = await new SecureBoostHost(run.Context, options, run.Log)
                .FitAsync(data, warm is null ? null : HostLookupTable.FromBytes(warm), ct).ConfigureAwait(false);
            return new ComponentOutput(Metrics: new JsonObject
            {
                ["splits"] = host.Table.Splits.Count,
                ["feature_importance"] = Importance(host.Importance),
                ["seconds"] = Seconds(host.Times),
                ["operations"] = Operations(host.Times),
            }, Model: host.Table.ToBytes());
        }
        var labels = table.Labels ?? throw new ArgumentException($"party {self}: the guest's train_data has no label column; name it in the reader or data_transform");
        var guestData = new GuestBoostData(
            table.Ids, TableColumns.Features(table), labels, table.Schema.LabelName ?? "label",
            validate?.Ids, validate is null ? null : TableColumns.Features(validate),
            validate is null ? null : validate.Labels ?? throw new ArgumentException($"party {self}: validate_data has no label column"));
        var result = await new SecureBoostGuest(run.Context, options, run.Log)
            .FitAsync(guestData, warm is null ? null : SecureBoostModel.FromBytes(warm), ct).ConfigureAwait(false);
        run.Log($"trained {result.Model.Trees.Count} tree(s) in {result.Rounds} round(s)");
        return new ComponentOutput(Prediction(table, result.Predictions), Metrics(result, options), result.Model.ToBytes());
    }

    /// <summary>Predict mode: the guest walks its trees over test_data, asking each host which way its splits send the rows.</summary>
    private static async Task<ComponentOutput> PredictAsync(ComponentRun run, CancellationToken ct)
    {
        var self = run.Context.Self;
        var model = run.Models.TryGetValue("input_model", out var bytes)
            ? bytes
            : throw new ArgumentException($"party {self}: input_model holds no share of a model at this party; load one with model_loader from its registry");
        var table = run.RequireInput("test_data");
        var rows = new BoostPredictionRows(table.Ids, TableColumns.Features(table));
        var metrics = new JsonObject { ["rows"] = table.RowCount };
        if (self.Role == Role.Host)
        {
            await SecureBoostPrediction.HostAsync(run.Context, Read(HostLookupTable.FromBytes, model, self), rows, ct).ConfigureAwait(false);
            return new ComponentOutput(Metrics: metrics);
        }
        var guest = Read(SecureBoostModel.FromBytes, model, self);
        var predictions = await SecureBoostPrediction.GuestAsync(run.Context, guest, rows, ct).ConfigureAwait(false);
        run.Log($"scored {table.RowCount} rows with {guest.Trees.Count} tree(s)");
        return new ComponentOutput(Prediction(table, predictions), metrics);
    }

    /// <summary>A party's share of input_model, or a one-line error naming the party when it is another kind of model or broken.</summary>
    private static T Read<T>(Func<byte[], T> read, byte[] bytes, PartyRef self)
    {
        try
        {
            return read(bytes);
        }
        catch (InvalidDataException ex)
        {
            throw new ArgumentException($"party {self}: input_model is not this party's share of a SecureBoost model: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The training options a job's parameters ask for. Public so that the plaintext LocalBaseline can be trained with
    /// exactly the options the federated run used.
    /// </summary>
    public static SecureBoostOptions Options(JsonObject p, long seed) =>
        OptionsBinder.Bind<SecureBoostOptions>(p, SecureBoostSpec.Spec) with { Seed = seed, Validation = OptionsBinder.Bind<ValidationOptions>(p, SecureBoostSpec.Spec) };

    /// <summary>
    /// The LocalBaseline of a hetero_secureboost job: the same options, trained in plaintext on the guest's and the
    /// hosts' tables joined in one process (possible only where one holds every party's data, as a demo does).
    /// The tables must be aligned row for row, as PSI leaves them.
    /// </summary>
    public static LocalBoostFit Baseline(JsonObject guestParameters, long seed, (int Party, PartyTable Table) guest, IReadOnlyList<(int Party, PartyTable Table)> hosts)
    {
        var labels = guest.Table.Labels ?? throw new ArgumentException($"party {guest.Party}: the guest's table has no label column");
        return LocalSecureBoostTrainer.Fit(
            [new LocalBoostParty(guest.Party, TableColumns.Features(guest.Table)), .. hosts.Select(h => new LocalBoostParty(h.Party, TableColumns.Features(h.Table)))],
            labels, Options(guestParameters, seed), labelName: guest.Table.Schema.LabelName ?? "label");
    }

    /// <summary>The prediction columns a model's outputs become: predict_score, or predict_score_&lt;class&gt; per class.</summary>
    public static PartyTable Prediction(PartyTable table, double[][] predictions)
    {
        return PredictionColumns.Table(table, PredictionColumns.Of(predictions.Length), predictions);
    }

    private static JsonObject Metrics(SecureBoostGuestResult result, SecureBoostOptions options)
    {
        var metrics = Metrics(result);
        if (result.Validation is { Count: > 0 } points)
        {
            ValidationReport.AddTo(metrics, points, options.Validation.EarlyStopping ? [result.BestRound + 1] : [], 1, "round");
        }
        return metrics;
    }

    private static JsonObject Metrics(SecureBoostGuestResult result) => new()
    {
        ["rounds"] = result.Rounds,
        ["trees"] = result.Model.Trees.Count,
        ["loss"] = new JsonObject
        {
            ["name"] = result.LossName,
            ["train"] = new JsonArray([.. result.TrainLoss.Select(l => (JsonNode)l)]),
            ["validate"] = new JsonArray([.. result.ValidateLoss.Select(l => (JsonNode)l)]),
        },
        ["feature_importance"] = Importance(result.Importance),
        ["seconds"] = Seconds(result.Times),
        ["operations"] = Operations(result.Times),
    };

    private static JsonArray Importance(IReadOnlyList<FeatureImportance> importance) =>
        new([.. importance.Select(i => (JsonNode)new JsonObject { ["feature"] = i.Feature, ["splits"] = i.Splits, ["gain"] = i.Gain })]);

    private static JsonObject Operations(PhaseTimer times) =>
        new([.. times.Operations.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]);

    /// <summary>Seconds per phase (every phase present, zero where a role has none) and the process's CPU seconds.</summary>
    private static JsonObject Seconds(PhaseTimer times)
    {
        Phase[] phases = [Phase.KeyGeneration, Phase.Encrypt, Phase.Decrypt, Phase.Histogram, Phase.SplitSearch, Phase.Partition, Phase.Serialization, Phase.Transport];
        var seconds = new JsonObject([.. phases.Select(p => KeyValuePair.Create(p.Name(), (JsonNode?)Math.Round(times.Seconds.GetValueOrDefault(p), 3)))]);
        seconds["cpu"] = Math.Round(times.CpuSeconds, 3);
        return seconds;
    }
}
