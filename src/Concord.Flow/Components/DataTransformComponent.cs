using System.Text.Json;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.DataTransform;

namespace Concord.Flow.Components;

/// <summary>
/// FATE's DataTransform: label check, feature selection and local missing-value fill. Each party outputs its fitted
/// state as its model; given that model as input_model, a predict pipeline applies it to new rows unchanged (the
/// training fill values, the training features) instead of fitting again.
/// </summary>
public sealed class DataTransformComponent : IFederatedComponent
{
    public string Type => "data_transform";

    public Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var self = run.Context.Self;
        var input = run.RequireInput("data");
        if (run.Slots.Contains("input_model"))
        {
            var fitted = run.Models.TryGetValue("input_model", out var bytes)
                ? DataTransformModel.FromBytes(bytes, $"party {self}'s input_model")
                : throw new ArgumentException($"party {self}: input_model holds no data_transform model at this party; load one with model_loader from its registry");
            var (applied, filled) = DataTransformer.Transform(input, fitted);
            run.Log($"applied the fitted transform: {applied.FeatureCount} features; filled {filled.FilledCounts.Values.Sum()} missing values");
            return Task.FromResult(new ComponentOutput(Data: applied, Metrics: Report(filled)));
        }
        var options = OptionsBinder.Bind<DataTransformOptions>(run.Parameters, DataTransformSpec.Spec) with
        {
            LabelName = self.Role == Federation.Parties.Role.Guest ? run.Parameters.String("label_name") : null,
        };
        var (table, report, model) = DataTransformer.Apply(input, options);
        run.Log($"kept {table.FeatureCount} features; filled {report.FilledCounts.Values.Sum()} missing values");
        return Task.FromResult(new ComponentOutput(Data: table, Metrics: Report(report), Model: model.ToBytes()));
    }

    private static System.Text.Json.Nodes.JsonNode? Report(FillReport report) => JsonSerializer.SerializeToNode(report, Control.ControlJson.Options);
}
