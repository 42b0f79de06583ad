using System.Text.Json.Nodes;
using Concord.Data;
using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML;
using Concord.ML.HeteroLinear;
using Concord.ML.Linear;
using Concord.ML.Validation;

namespace Concord.Flow.Components;

/// <summary>
/// hetero_lr, hetero_linr and hetero_poisson: FATE's arbiter-coordinated vertical linear models. Given train_data they
/// train: the guest outputs the joint prediction (ids, true labels, predict_score or predict_score_&lt;class&gt;) and
/// every party its share of the model. Given test_data and input_model (a model_loader's output) they predict: the
/// guest outputs the same table for the new rows (labels when they have them), and nothing is trained. With
/// validate_data connected, the guest scores it by the joint prediction every validation_freqs epochs and may stop
/// early; its metrics then hold <c>validation: [{epoch, loss, auc, …}]</c> (see <see cref="ValidationReport"/>).
/// </summary>
public sealed class HeteroLinearComponent(string type, LinearTask task) : IFederatedComponent
{
    public string Type => type;

    public static IReadOnlyList<HeteroLinearComponent> All { get; } =
    [
        new("hetero_lr", LinearTask.Logistic),
        new("hetero_linr", LinearTask.Linear),
        new("hetero_poisson", LinearTask.Poisson),
    ];

    public async Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        if (run.Slots.Contains("test_data"))
        {
            return await PredictAsync(run, ct).ConfigureAwait(false);
        }
        var settings = Settings(run);
        var warmStart = run.Models.TryGetValue("warm_start_model", out var bytes)
            ? PartyLinearModel.FromBytes(bytes, $"party {run.Context.Self}'s share of the warm-start model")
            : null;
        if (warmStart is not null)
        {
            run.Log($"warm start from a model of {warmStart.FeatureNames.Length} features");
        }
        var self = run.Context.Self;
        if (self.Role == Role.Arbiter)
        {
            var arbiter = new HeteroLinearArbiter(run.Context, settings, run.Checkpoints);
            var losses = await arbiter.RunAsync(ct).ConfigureAwait(false);
            return new ComponentOutput(Metrics: new JsonObject { ["loss"] = Numbers(losses), ["seconds"] = arbiter.Timings.ToJson() });
        }
        var table = run.RequireInput("train_data");
        var exposureName = self.Role == Role.Guest && task == LinearTask.Poisson ? run.Parameters.String("exposure_column") : null;
        var features = Features(run, table, exposureName);
        var validate = run.Inputs.GetValueOrDefault("validate_data");
        // Validation rows are scaled as the training rows were, exactly as the model will score new rows.
        var validateFeatures = validate is null ? null : PreparedFeatures.Apply(Columns(validate, exposureName), features.Names, features.Means, features.Scales);
        if (self.Role == Role.Host)
        {
            var host = new HeteroLinearHost(run.Context, settings, run.Checkpoints);
            var hostValidation = validate is null ? null : new HostValidationData(validate.Ids, validateFeatures!);
            var model = await host.FitAsync(new HostTrainingData(table.Ids, features, hostValidation), warmStart, ct).ConfigureAwait(false);
            return new ComponentOutput(Metrics: new JsonObject { ["features"] = model.FeatureNames.Length, ["seconds"] = host.Timings.ToJson() }, Model: model.ToBytes());
        }
        var labels = table.Labels ?? throw new ArgumentException($"party {self}: the guest's train_data has no label column; name it in the reader or data_transform");
        double[]? exposure = exposureName is null ? null : table.Column(table.Schema.IndexOf(exposureName)).ToArray();
        var validation = validate is null ? null : new GuestValidationData(
            validate.Ids, validateFeatures!, validate.Labels ?? throw new ArgumentException($"party {self}: the guest's validate_data has no label column; name it in the reader or data_transform"),
            validate.Weights, exposureName is null ? null : validate.Column(validate.Schema.IndexOf(exposureName)).ToArray());
        var data = new GuestTrainingData(table.Ids, features, labels, table.Schema.LabelName ?? "label", table.Weights, exposure, validation);
        var guest = new HeteroLinearGuest(run.Context, settings, run.Checkpoints);
        var result = await guest.FitAsync(data, warmStart, ct).ConfigureAwait(false);
        run.Log($"trained {result.Predictions.Length} model(s) in {string.Join(", ", result.Epochs)} epoch(s)");
        var metrics = Metrics(result);
        var convergence = ConvergenceReport.Of(type, settings.Options, result.Converged, result.Losses);
        foreach (var warning in convergence.Warnings)
        {
            run.Log($"warning: {warning}");
        }
        convergence.AddTo(metrics);
        if (validation is not null)
        {
            ValidationReport.AddTo(metrics, result.Validation ?? [], result.BestEpochs ?? [], result.Predictions.Length, "epoch");
            run.Log(ValidationReport.Summary(result.Validation ?? [], result.BestEpochs ?? [], result.Epochs));
        }
        metrics["seconds"] = guest.Timings.ToJson();
        return new ComponentOutput(Prediction(table, result.Model.Classes, result.Predictions), metrics, result.Model.ToBytes());
    }

    /// <summary>Predict mode: each party's stored share scores its test_data (see <see cref="HeteroLinearPrediction"/>); the arbiter has no part.</summary>
    private async Task<ComponentOutput> PredictAsync(ComponentRun run, CancellationToken ct)
    {
        var self = run.Context.Self;
        if (self.Role == Role.Arbiter)
        {
            run.Log("prediction needs no arbiter; nothing to do");
            return ComponentOutput.Nothing;
        }
        var model = run.Models.TryGetValue("input_model", out var bytes)
            ? PartyLinearModel.FromBytes(bytes, $"party {self}'s share of the input model")
            : throw new ArgumentException($"party {self}: input_model holds no share of a model at this party; load one with model_loader from its registry");
        if (model.Task != task)
        {
            throw new ArgumentException($"party {self}: input_model is a {model.Task} model, and {type} predicts with a {task} one");
        }
        var table = run.RequireInput("test_data");
        var exposureName = self.Role == Role.Guest && task == LinearTask.Poisson ? run.Parameters.String("exposure_column") : null;
        var columns = Columns(table, exposureName);
        var rows = new JsonObject { ["rows"] = table.RowCount };
        if (self.Role == Role.Host)
        {
            await HeteroLinearPrediction.HostAsync(run.Context, model, new HostPredictionData(table.Ids, columns), ct).ConfigureAwait(false);
            return new ComponentOutput(Metrics: rows);
        }
        double[]? exposure = exposureName is null ? null : table.Column(table.Schema.IndexOf(exposureName)).ToArray();
        var predictions = await HeteroLinearPrediction.GuestAsync(run.Context, model, new GuestPredictionData(table.Ids, columns, exposure), ct).ConfigureAwait(false);
        run.Log($"scored {table.RowCount} rows with a model of {model.Weights.Length} binary model(s)");
        return new ComponentOutput(Prediction(table, model.Classes, predictions), rows);
    }

    private HeteroLinearSettings Settings(ComponentRun run) =>
        new(Options(run.Parameters, task, run.Seed), (int)run.Parameters.Int("key_bits"), OptionsBinder.Bind<ValidationOptions>(run.Parameters, HeteroLinearSpecs.For(task)));

    /// <summary>
    /// The training options a job's parameters ask for. Public so that a plaintext LocalBaseline can be trained
    /// with exactly the options the federated run used.
    /// </summary>
    public static LinearOptions Options(JsonObject p, LinearTask task, long seed) =>
        OptionsBinder.Bind<LinearOptions>(p, HeteroLinearSpecs.For(task)) with { Task = task, Seed = seed };

    private PreparedFeatures Features(ComponentRun run, PartyTable table, string? exposure) =>
        Features(run.Parameters, task, table, exposure, warning => run.Log($"warning: {warning}"));

    /// <summary>A party's features prepared as its parameters ask (standardised, constant features dropped or kept).</summary>
    public static PreparedFeatures Features(JsonObject parameters, LinearTask task, PartyTable table, string? exposure, Action<string> warn)
    {
        var columns = Columns(table, exposure);
        var preparation = OptionsBinder.Bind<FeaturePreparation>(parameters, HeteroLinearSpecs.For(task));
        return PreparedFeatures.Fit(columns, preparation.Standardize, preparation.KeepConstantFeatures, warn);
    }

    /// <summary>A table's feature columns, without Poisson's exposure column (checked present) when there is one.</summary>
    private static NumericColumns Columns(PartyTable table, string? exposure)
    {
        var columns = TableColumns.Features(table);
        if (exposure is null)
        {
            return columns;
        }
        _ = table.Schema.IndexOf(exposure);
        return columns.Select([.. columns.Names.Where(n => n != exposure)]);
    }

    private static PartyTable Prediction(PartyTable table, double[] classes, double[][] predictions)
    {
        return PredictionColumns.Table(table, PredictionColumns.Of(classes), predictions);
    }

    private static JsonObject Metrics(HeteroLinearGuestResult result) => new()
    {
        ["loss"] = Numbers(result.Losses),
        ["epochs"] = new JsonArray([.. result.Epochs.Select(e => (JsonNode)e)]),
        ["features"] = result.Model.FeatureNames.Length,
        ["intercept"] = result.Model.HasIntercept ? new JsonArray([.. result.Model.Weights.Select(w => (JsonNode)w[^1])]) : null,
    };

    private static JsonArray Numbers(IEnumerable<double> values) =>
        new([.. values.Select(v => double.IsFinite(v) ? (JsonNode)v : null)]);
}
