using System.Text.Json;
using System.Text.Json.Nodes;
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
            LabelName = run.Context.Self.Role == Federation.Parties.Role.Guest ? Text(run.Parameters, "label_name") : null,
            Features = run.Parameters["features"] is JsonArray features ? [.. features.Select(f => f!.GetValue<string>())] : null,
            Exclude = run.Parameters["exclude"] is JsonArray exclude ? [.. exclude.Select(f => f!.GetValue<string>())] : [],
            MissingFill = Text(run.Parameters, "missing_fill") is string fill
                ? Enum.Parse<MissingFill>(fill, ignoreCase: true)
                : MissingFill.None,
            FillValue = run.Parameters["missing_fill_value"]?.GetValue<double>() ?? 0,
        };
        var (table, report) = DataTransformer.Apply(run.RequireInput("data"), options);
        run.Log($"kept {table.FeatureCount} features; filled {report.FilledCounts.Values.Sum()} missing values");
        return Task.FromResult(new ComponentOutput(Data: table, Metrics: JsonSerializer.SerializeToNode(report, Control.ControlJson.Options)));
    }

    private static string? Text(JsonObject parameters, string name) => parameters[name]?.GetValue<string>();
}
