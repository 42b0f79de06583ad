using System.Text.Json.Nodes;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.JobParameters;
using Concord.ML.Preprocessing.FeatureScale;

namespace Concord.Flow.Components;

/// <summary>
/// FATE's feature_scale: each party scales its own columns and outputs the fitted scales as its model; given that model
/// as input_model, a predict pipeline scales new rows with the training statistics, as data_transform does.
/// </summary>
public sealed class FeatureScaleComponent : IFederatedComponent
{
    public string Type => "feature_scale";

    public Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var input = run.RequireInput("data");
        var replayed = FittedState.Replayed(run, Type, FeatureScaleModel.FromBytes);
        var model = replayed ?? FittedState.AtParty(run, () => FeatureScaler.Fit(input, OptionsBinder.Bind<FeatureScaleOptions>(run.Parameters, FeatureScaleSpec.Spec)));
        var scaled = FittedState.AtParty(run, () => FeatureScaler.Transform(input, model));
        run.Log($"{(replayed is null ? "fitted and scaled" : "applied the fitted scales to")} {model.Columns.Length} columns ({WireNames.Of(model.Method)})");
        var metrics = new JsonObject { ["method"] = WireNames.Of(model.Method), ["columns"] = new JsonArray([.. model.Columns.Select(c => (JsonNode)c.Name)]) };
        return Task.FromResult(new ComponentOutput(scaled, metrics, replayed is null ? model.ToBytes() : null));
    }
}
