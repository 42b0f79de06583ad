using System.Text.Json.Nodes;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.Preprocessing.Imputation;

namespace Concord.Flow.Components;

/// <summary>
/// FATE's feature_imputation: each party fills its own columns' missing values and outputs the fill values as its
/// model; given that model as input_model, new rows are filled with the training values.
/// </summary>
public sealed class ImputationComponent : IFederatedComponent
{
    public string Type => "feature_imputation";

    public Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var input = run.RequireInput("data");
        var replayed = FittedState.Replayed(run, Type, ImputationModel.FromBytes);
        var model = replayed ?? FittedState.AtParty(run, () => Imputer.Fit(input, OptionsBinder.Bind<ImputationOptions>(run.Parameters, ImputationSpec.Spec)));
        var (table, filled) = FittedState.AtParty(run, () => Imputer.Transform(input, model));
        run.Log($"filled {filled.Values.Sum()} missing values in {filled.Count} columns");
        var metrics = new JsonObject
        {
            ["fill_values"] = new JsonObject([.. model.FillValues.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
            ["filled_counts"] = new JsonObject([.. filled.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
        };
        return Task.FromResult(new ComponentOutput(table, metrics, replayed is null ? model.ToBytes() : null));
    }
}
