using System.Text.Json.Nodes;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.Preprocessing.OneHot;

namespace Concord.Flow.Components;

/// <summary>
/// FATE's one_hot_encoder: each party encodes its own category columns and outputs the training categories as its
/// model; given that model as input_model, new rows get the same columns (an unseen category is all zeros).
/// </summary>
public sealed class OneHotComponent : IFederatedComponent
{
    public string Type => "one_hot_encoder";

    public Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var input = run.RequireInput("data");
        var replayed = FittedState.Replayed(run, Type, OneHotModel.FromBytes);
        var model = replayed ?? FittedState.AtParty(run, () => OneHotEncoder.Fit(input, OptionsBinder.Bind<OneHotOptions>(run.Parameters, OneHotSpec.Spec)));
        var table = FittedState.AtParty(run, () => OneHotEncoder.Transform(input, model));
        run.Log($"encoded {model.Columns.Length} columns into {model.Columns.Sum(c => c.Categories.Length)}");
        var metrics = new JsonObject([.. model.Columns.Select(c => KeyValuePair.Create(c.Name, (JsonNode?)new JsonArray([.. c.Categories.Select(v => (JsonNode)v)])))]);
        return Task.FromResult(new ComponentOutput(table, new JsonObject { ["categories"] = metrics }, replayed is null ? model.ToBytes() : null));
    }
}
