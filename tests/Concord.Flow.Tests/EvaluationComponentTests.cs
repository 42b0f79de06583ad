using System.Text.Json.Nodes;
using Concord.Data;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.Federation.Transport.InMemory;
using Concord.Flow.Components;
using Concord.ML.Checkpoints;

namespace Concord.Flow.Tests;

/// <summary>The evaluation component on its own, at a guest over the in-memory transport: what it reads and how it refuses.</summary>
public class EvaluationComponentTests
{
    private static readonly string[] Ids = ["a", "b", "c", "d"];

    private static Task<ComponentOutput> Run(PartyTable table, string evalType = "binary", Role role = Role.Guest)
    {
        var roster = new Roster(9999, [10000]);
        var self = role == Role.Guest ? roster.Guest : roster.Hosts[0];
        var context = new FederationContext("job-eval", self, roster, new InMemoryNetwork().Join(self.Id)).Sub("evaluation_0");
        var parameters = new JsonObject { ["eval_type"] = evalType, ["threshold"] = 0.5, ["pos_label"] = 1L };
        return new EvaluationComponent().RunAsync(
            new ComponentRun(context, parameters, Path.GetTempPath(), new Dictionary<string, PartyTable> { ["data"] = table }, new NoCheckpoints(), _ => { }),
            CancellationToken.None);
    }

    private static PartyTable Table(string[] columns, double[]? labels = null) => PartyTable.Create(
        "id", Ids, columns, [.. columns.Select((_, j) => new[] { 0.1 + j, 0.9, 0.4, 0.6 })], labels is null ? null : "y", labels);

    [Fact]
    public async Task A_binary_prediction_table_gives_the_contracts_scalars_and_curves()
    {
        var metrics = (await Run(Table([EvaluationComponent.ScoreColumn], [0, 1, 0, 1]))).Metrics!;

        Assert.Equal(1.0, metrics["auc"]!.GetValue<double>());
        Assert.Equal(["auc", "ks", "precision", "recall", "f1", "true_negative_rate", "accuracy"], EvaluationJson.Scalars(metrics).Select(s => s.Key));
        Assert.All(new[] { "roc", "ks_curve", "lift", "gain", "confusion_matrix" }, key => Assert.NotNull(metrics[key]));
        Assert.Equal("binary", metrics["eval_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_table_without_predict_score_is_refused_with_its_columns()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Run(Table(["x0", "x1"], [0, 1, 0, 1])));

        Assert.Contains("no \"predict_score\" column (it has: x0, x1)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_without_labels_is_refused()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Run(Table([EvaluationComponent.ScoreColumn]), "regression"));

        Assert.Contains("no label column", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_multi_class_column_that_names_no_class_is_refused()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Run(Table(["predict_score_0", "predict_score_high"], [0, 1, 0, 1]), "multi"));

        Assert.Contains("column \"predict_score_high\" does not name a class", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_never_evaluates()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Run(Table([EvaluationComponent.ScoreColumn], [0, 1, 0, 1]), role: Role.Host));

        Assert.Contains("evaluation runs at the guest only", ex.Message, StringComparison.Ordinal);
    }
}
