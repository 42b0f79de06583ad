using System.Text.Json.Nodes;
using Concord.Data;
using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML;
using Concord.ML.Horizontal;
using Concord.ML.Horizontal.Aggregation;
using Concord.ML.Validation;

namespace Concord.Flow.Components.Homo;

/// <summary>
/// A horizontal component (homo_lr, homo_nn). Given train_data, the clients (guest and hosts) run <see cref="HomoClient"/>
/// on it, the arbiter runs <see cref="HomoArbiter"/>, and each client scores its test_data (else its train_data) with
/// the final global model, as ids, labels and predict_score columns that evaluation reads; every party that holds the
/// global model outputs it (<see cref="HomoModelFile"/>). Given test_data and input_model (a model_loader's output),
/// each client scores its test_data with the loaded model alone: nothing crosses the federation, and the arbiter does
/// nothing. A model plugs in through <see cref="Factory"/>; the round loop, aggregation, DP and outputs are shared.
/// <para>
/// Each client holds its own rows, so each may connect its own validate_data: after every validation_freqs rounds
/// every client scores the new global model on its rows, and the arbiter decides early stopping on the row-weighted
/// mean of the clients' metrics (see <see cref="ML.Horizontal.Validation.ArbiterValidation"/>). A client's metrics then
/// hold <c>validation: [{round, loss, auc, …}]</c> on its own rows, the arbiter's the same of the aggregate, both in
/// the vertical models' format (<see cref="ValidationReport"/>), with <c>best_round</c> under early stopping.
/// </para>
/// </summary>
public abstract class HomoComponent : IFederatedComponent
{
    public abstract string Type { get; }

    /// <summary>The component's spec, whose parameters are the framework's (<see cref="HomoSettings"/>) and the model's.</summary>
    protected abstract ComponentSpec Spec { get; }

    /// <summary>This party's model factory, from the component's parameters and the job's seed.</summary>
    protected abstract ILocalModelFactory Factory(JsonObject parameters, long seed);

    /// <summary>Whether the label is a class (binary or multi-class) rather than a regression target.</summary>
    protected abstract bool IsClassification(JsonObject parameters);

    /// <summary>The framework's settings from a party's parameters of <paramref name="component"/>.</summary>
    public static HomoSettings Settings(JsonObject parameters, long seed, ComponentSpec component) =>
        OptionsBinder.Bind<HomoSettings>(parameters, component) with { Seed = seed, Validation = OptionsBinder.Bind<ValidationOptions>(parameters, component) };

    public async Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        if (run.Slots.Contains("input_model"))
        {
            return Predict(run);
        }
        var settings = Settings(run.Parameters, run.Seed, Spec);
        var factory = Factory(run.Parameters, run.Seed);
        var ctx = run.Context;
        if (ctx.Self.Role == Role.Arbiter)
        {
            var arbiter = new HomoArbiter(ctx, settings, HomoAggregations.ForArbiter(settings), factory, run.Checkpoints, run.Log);
            var outcome = await arbiter.RunAsync(ct).ConfigureAwait(false);
            if (outcome.Validation is { } aggregate)
            {
                run.Log(ValidationReport.Summary(aggregate, outcome.BestRound is int b ? [b] : [], [outcome.Rounds.Count]));
            }
            return new ComponentOutput(
                Metrics: HomoMetrics.Arbiter(outcome, settings),
                Model: outcome.Global is double[] global ? new HomoModelFile(factory.Name, outcome.Shape, global, Definition(run.Parameters)).ToBytes() : null);
        }
        var train = run.RequireInput("train_data");
        var data = HomoTables.ToData(train, ctx.Self);
        var client = new HomoClient(ctx, settings, factory, HomoAggregations.ForClient(settings), run.Checkpoints, run.Log);
        var validation = run.Inputs.TryGetValue("validate_data", out var validate) ? HomoTables.ToValidationData(validate, data.FeatureNames, ctx.Self) : null;
        var result = await client.FitAsync(data, IsClassification(run.Parameters), ct, validation).ConfigureAwait(false);
        if (result.Validation is { } points)
        {
            run.Log(ValidationReport.Summary(points, result.BestRound is int b ? [b] : [], [result.Rounds.Count > 0 ? result.Rounds[^1].Round + 1 : 0]));
        }
        var scored = run.Inputs.TryGetValue("test_data", out var test) ? test : train;
        var predictions = HomoTables.Score(result.Model, result.Shape, scored, ctx.Self);
        run.Log($"scored {scored.RowCount} rows of {(test is null ? "train_data" : "test_data")} with the final global model");
        var kinds = result.Shape.FeatureNames.Select(name => train.Schema.Features[train.Schema.IndexOf(name)].Kind).ToArray();
        var model = new HomoModelFile(factory.Name, result.Shape, result.Model.GetParameters(), Definition(run.Parameters), kinds);
        return new ComponentOutput(predictions, HomoMetrics.Client(result), model.ToBytes());
    }

    /// <summary>Predict mode: the loaded global model scores this client's test_data, once its columns are checked against the model's.</summary>
    private ComponentOutput Predict(ComponentRun run)
    {
        var self = run.Context.Self;
        if (self.Role == Role.Arbiter)
        {
            run.Log("prediction needs no arbiter; nothing to do");
            return ComponentOutput.Nothing;
        }
        var what = $"party {self}'s input_model";
        var file = run.Models.TryGetValue("input_model", out var bytes)
            ? HomoModelFile.FromBytes(bytes, what)
            : throw new ArgumentException($"party {self}: input_model holds no model at this party; load one with model_loader from its registry");
        if (file.Model != Type)
        {
            throw new ArgumentException($"party {self}: input_model is a {file.Model} model, and {Type} predicts with a {Type} one");
        }
        var table = run.RequireInput("test_data");
        _ = ModelColumns.Require(TableColumns.Features(table), file.Shape.FeatureNames, $"party {self}");
        if (file.TrainedFeatures is { } trained)
        {
            ModelColumnKinds.Require(trained, table.Schema.Features, $"party {self}");
        }
        var predictions = HomoTables.Score(file.Build(what), file.Shape, table, self);
        run.Log($"scored {table.RowCount} rows of test_data with the loaded global model, alone");
        return new ComponentOutput(predictions, new JsonObject { ["rows"] = table.RowCount });
    }

    /// <summary>The model's own parameters (not the framework's): what rebuilds the model where it predicts.</summary>
    private static JsonObject Definition(JsonObject parameters)
    {
        var framework = HomoSpecs.Framework.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return new JsonObject(parameters.Where(p => !framework.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
    }
}

/// <summary>Tables in and out of horizontal training.</summary>
public static class HomoTables
{
    /// <summary>A client's table as rows; every client needs labels.</summary>
    public static HorizontalData ToData(PartyTable table, PartyRef self)
    {
        var labels = table.Labels ?? throw new ArgumentException(
            $"party {self}: train_data has no label column; every client of horizontal training needs its labels (name it in the reader or data_transform)");
        return new HorizontalData([.. table.Schema.FeatureNames], Rows(table, [.. table.Schema.FeatureNames], self), labels, table.Weights, table.Schema.LabelName ?? "label");
    }

    /// <summary>A client's validate_data as rows in its training columns' order; validating needs labels.</summary>
    public static HorizontalData ToValidationData(PartyTable table, string[] features, PartyRef self)
    {
        var labels = table.Labels ?? throw new ArgumentException(
            $"party {self}: validate_data has no label column; a client validates on its own labelled rows (name it in the reader or data_transform)");
        return new HorizontalData(features, Rows(table, features, self), labels, table.Weights, table.Schema.LabelName ?? "label");
    }

    /// <summary>The model's output on every row: predict_score (binary, regression) or predict_score_&lt;class&gt; (multi-class), with ids and labels.</summary>
    public static PartyTable Score(ILocalModel model, ModelShape shape, PartyTable table, PartyRef self)
    {
        var rows = Rows(table, shape.FeatureNames, self);
        var outputs = shape.Outputs;
        var columns = Enumerable.Range(0, outputs).Select(_ => new double[rows.Length]).ToArray();
        for (var i = 0; i < rows.Length; i++)
        {
            var prediction = model.Predict(rows[i]);
            for (var k = 0; k < outputs; k++)
            {
                columns[k][i] = prediction[k];
            }
        }
        var names = PredictionColumns.Of(shape.Task == HorizontalTask.MultiClass ? shape.Classes : []);
        return PredictionColumns.Table(table, names, columns);
    }

    /// <summary>The table's values in <paramref name="features"/>' order; a scored table must have every feature the model was trained on.</summary>
    private static double[][] Rows(PartyTable table, string[] features, PartyRef self)
    {
        var names = table.Schema.FeatureNames.ToList();
        var index = features.Select(f => names.IndexOf(f)).ToArray();
        var missing = features.Where((f, j) => index[j] < 0).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"party {self}: the table lacks feature(s) {string.Join(", ", missing.Take(10))} that the model was trained on");
        }
        var rows = new double[table.RowCount][];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = new double[features.Length];
            for (var j = 0; j < row.Length; j++)
            {
                row[j] = table[i, index[j]];
            }
            rows[i] = row;
        }
        return rows;
    }
}

/// <summary>What each role reports: per-round figures and, under DP, ε spent per round and in total.</summary>
public static class HomoMetrics
{
    public static JsonObject Arbiter(HomoArbiterResult result, HomoSettings settings) => WithValidation(new()
    {
        ["rounds"] = result.Rounds.Count,
        ["aggregation"] = settings.Aggregation.ToString(),
        ["loss"] = new JsonArray([.. result.Rounds.Select(r => r.Loss is double l ? (JsonNode)l : null)]),
        ["participants"] = new JsonArray([.. result.Rounds.Select(r => (JsonNode)r.Participants)]),
        ["included"] = new JsonArray([.. result.Rounds.Select(r => (JsonNode)r.Included)]),
        ["seconds"] = new JsonArray([.. result.Rounds.Select(r => (JsonNode)Math.Round(r.Seconds, 4))]),
        ["privacy"] = Privacy(result.Privacy),
    }, result.Validation, result.BestRound);

    public static JsonObject Client(HomoClientResult result) => WithValidation(new()
    {
        ["rounds_trained"] = result.Rounds.Count(r => r.Trained),
        ["local_loss"] = new JsonArray([.. result.Rounds.Select(r => r.LocalLoss is double l ? (JsonNode)l : null)]),
        ["parameters"] = result.Model.ParameterCount,
        ["privacy"] = Privacy(result.Privacy),
    }, result.Validation, result.BestRound);

    /// <summary>The validations, as the vertical models report them, with the step named "round" (1-based).</summary>
    private static JsonObject WithValidation(JsonObject metrics, IReadOnlyList<ValidationPoint>? points, int? best)
    {
        if (points is not null)
        {
            ValidationReport.AddTo(metrics, points, best is int b ? [b] : [], 1, "round");
        }
        return metrics;
    }

    private static JsonObject? Privacy(PrivacyReport? report) => report is null ? null : new JsonObject
    {
        ["mode"] = report.Mode,
        ["epsilon"] = report.Epsilon,
        ["delta"] = report.Delta,
        ["noise_multiplier"] = report.NoiseMultiplier,
        ["clip_norm"] = report.ClipNorm,
        ["epsilon_by_round"] = new JsonArray([.. report.EpsilonByRound.Select(e => (JsonNode)e)]),
    };
}
