using System.Text.Json;
using Concord.ML.DataTransform;

namespace Concord.Flow.Components;

/// <summary>FATE's DataTransform: label check, feature selection and local missing-value fill.</summary>
public sealed class DataTransformComponent : IFederatedComponent
{
    public string Type => "data_transform";

    public Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var options = new DataTransformOptions
        {
            LabelName = run.Context.Self.Role == Federation.Parties.Role.Guest ? run.Parameters.String("label_name") : null,
            Features = run.Parameters.StringList("features"),
            Exclude = run.Parameters.StringList("exclude") ?? [],
            MissingFill = run.Parameters.String("missing_fill") is string fill
                ? Enum.Parse<MissingFill>(fill, ignoreCase: true)
                : MissingFill.None,
            FillValue = run.Parameters["missing_fill_value"] is null ? 0 : run.Parameters.Double("missing_fill_value"),
            LabelType = run.Parameters.String("label_type") == "int" ? ML.DataTransform.ValueType.Integer : ML.DataTransform.ValueType.Real,
            DataType = run.Parameters.String("data_type") == "int" ? ML.DataTransform.ValueType.Integer : ML.DataTransform.ValueType.Real,
        };
        var (table, report) = DataTransformer.Apply(run.RequireInput("data"), options);
        run.Log($"kept {table.FeatureCount} features; filled {report.FilledCounts.Values.Sum()} missing values");
        return Task.FromResult(new ComponentOutput(Data: table, Metrics: JsonSerializer.SerializeToNode(report, Control.ControlJson.Options)));
    }
}
