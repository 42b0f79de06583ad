using System.Text.Json.Nodes;
using Concord.Data;
using Concord.Flow.Api;
using Concord.Flow.Serving;

namespace Concord.Cli.Demo;

/// <summary>One new customer as the demo scored it online: the default that later happened, and each model's P(default).</summary>
internal sealed record ServedCustomer(string Id, double Label, IReadOnlyDictionary<string, double> Scores);

/// <summary>
/// The demo's last step: the guest's node serves both trained models (the host looks customers up in the table it
/// trained on, which holds all 30,000), and a few of the bank's new customers, never seen in training, are scored
/// through POST /api/v1/serving/{name}/predict with only the bank's own features in the request.
/// </summary>
internal static class DemoServing
{
    public const int Customers = 5;

    public static async Task<IReadOnlyList<ServedCustomer>> ScoreAsync(OperatorClient api, string jobId, TableName hostTable, Local.StepProgress progress, CancellationToken ct)
    {
        var customers = CsvTableReader.Read(DemoScenario.NewCustomersFile);
        var rows = new JsonArray([.. Enumerable.Range(0, Customers).Select(r => (JsonNode)new JsonObject
        {
            ["id"] = customers.Ids[r],
            ["features"] = new JsonObject([.. customers.Schema.FeatureNames.Select((name, j) => KeyValuePair.Create(name, (JsonNode?)customers[r, j]))]),
        })]);
        var scores = new Dictionary<string, Dictionary<string, double>>();
        foreach (var model in DemoScenario.Models)
        {
            var deployment = await api.DeployServingAsync(new ServingDeploy(model.Serving, $"{jobId}_{model.Component}", null,
                new() { [DemoScenario.Host] = new TableRef(hostTable.Namespace, hostTable.Name) }), ct);
            progress.Step($"the guest's node serves {deployment.Name}: the host indexed {deployment.Hosts[DemoScenario.Host].Rows} customers of {hostTable}");
            var answer = await api.PredictAsync(deployment.Name, new JsonObject { ["rows"] = rows.DeepClone() }, ct);
            foreach (var row in answer.Rows)
            {
                (scores.TryGetValue(row.Id, out var own) ? own : scores[row.Id] = [])[model.Serving] = row.Scores[Flow.Components.PredictionColumns.Score];
            }
        }
        progress.Step($"scored {Customers} new customers online, each request carrying only the bank's {customers.FeatureCount} features");
        return [.. Enumerable.Range(0, Customers).Select(r => new ServedCustomer(customers.Ids[r], customers.Labels![r], scores[customers.Ids[r]]))];
    }
}
