using System.Text.Json.Nodes;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.Preprocessing.LabelTransform;

namespace Concord.Flow.Components;

/// <summary>
/// FATE's label_transform: each party with labels replaces them by the encoder's numbers and outputs that encoder as
/// its model (a party without labels, a host in a vertical job, passes its rows through with an empty one); given the
/// model as input_model, a predict pipeline encodes new rows' labels alike and refuses a label it never saw. The
/// output keeps each number's label, so that the predictions downstream show the labels as they were written.
/// </summary>
public sealed class LabelTransformComponent : IFederatedComponent
{
    public string Type => "label_transform";

    public Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var input = run.RequireInput("data");
        var replayed = FittedState.Replayed(run, Type, LabelTransformModel.FromBytes);
        var model = replayed ?? FittedState.AtParty(run, () => LabelTransformer.Fit(input, OptionsBinder.Bind<LabelTransformOptions>(run.Parameters, LabelTransformSpec.Spec)));
        var table = FittedState.AtParty(run, () => LabelTransformer.Transform(input, model));
        run.Log(input.Labels is null
            ? "no label column here; rows pass through"
            : $"{(replayed is null ? "fitted and applied" : "applied the fitted")} label_encoder of {model.Labels.Length} labels to column \"{input.Schema.LabelName}\"");
        var metrics = new JsonObject
        {
            ["label_encoder"] = new JsonObject([.. model.Labels.Zip(model.Values).Select(p => KeyValuePair.Create(p.First, (JsonNode?)p.Second))]),
            ["rows"] = table.RowCount,
        };
        return Task.FromResult(new ComponentOutput(table, metrics, replayed is null ? model.ToBytes() : null));
    }
}
