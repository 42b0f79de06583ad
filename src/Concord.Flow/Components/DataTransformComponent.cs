using System.Text.Json;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.DataTransform;

namespace Concord.Flow.Components;

/// <summary>FATE's DataTransform: label check, feature selection and local missing-value fill.</summary>
public sealed class DataTransformComponent : IFederatedComponent
{
    public string Type => "data_transform";

    public Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var options = OptionsBinder.Bind<DataTransformOptions>(run.Parameters, DataTransformSpec.Spec) with
        {
            LabelName = run.Context.Self.Role == Federation.Parties.Role.Guest ? run.Parameters.String("label_name") : null,
        };
        var (table, report) = DataTransformer.Apply(run.RequireInput("data"), options);
        run.Log($"kept {table.FeatureCount} features; filled {report.FilledCounts.Values.Sum()} missing values");
        return Task.FromResult(new ComponentOutput(Data: table, Metrics: JsonSerializer.SerializeToNode(report, Control.ControlJson.Options)));
    }
}
