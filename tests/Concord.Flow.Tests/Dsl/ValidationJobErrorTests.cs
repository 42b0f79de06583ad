using static Concord.Flow.Tests.Dsl.JobYaml;

namespace Concord.Flow.Tests.Dsl;

/// <summary>validate_data's parameters refused at submit time, naming the component and the parameter at its line.</summary>
public sealed class ValidationJobErrorTests
{
    private static string ModelJob(string type, string parameterLines, bool validate) => Job($$"""
        {{Reader}}
        - name: model_0
          type: {{type}}
          inputs: { train_data: reader_0.data{{(validate ? ", validate_data: reader_0.data" : "")}} }
          parameters:
            {{parameterLines}}
        """);

    [Theory]
    [InlineData("hetero_lr")]
    [InlineData("hetero_linr")]
    [InlineData("hetero_poisson")]
    [InlineData("hetero_secureboost")]
    public void Early_stopping_without_validate_data_is_refused_at_early_stopping_rounds(string type)
    {
        var yaml = ModelJob(type, "early_stopping_rounds: 3", validate: false);
        var error = AssertOnlyError(yaml, "early_stopping_rounds is 3, but no validate_data is connected to stop on", "early_stopping_rounds: 3");
        Assert.Equal("model_0.parameters.early_stopping_rounds", error.Where);
        Parse(ModelJob(type, "early_stopping_rounds: 3", validate: true));
    }

    [Theory]
    [InlineData("homo_lr", "rounds: 3")]
    [InlineData("homo_nn", "layers: [{ type: dense, units: 1 }, { type: sigmoid }]")]
    public void Horizontal_early_stopping_without_validate_data_is_refused_at_early_stopping_rounds(string type, string model)
    {
        var yaml = ModelJob(type, $"{{ {model}, early_stopping_rounds: 3 }}", validate: false);
        var error = AssertOnlyError(yaml, "early_stopping_rounds is 3, but no validate_data is connected to stop on", "early_stopping_rounds: 3", "early_stopping_rounds");
        Assert.Equal("model_0.parameters.early_stopping_rounds", error.Where);
        var p = Parse(ModelJob(type, $"{{ {model}, early_stopping_rounds: 3, validation_freqs: 2 }}", validate: true)).Component("model_0").ParametersFor(10000);
        Assert.Equal(2, p["validation_freqs"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("homo_lr", "rounds: 3", "rmse", "binary classification")]
    [InlineData("homo_nn", "layers: [{ type: dense, units: 1 }, { type: sigmoid }]", "r2", "binary classification")]
    [InlineData("homo_nn", "layers: [{ type: dense, units: 1 }], loss: mse", "auc", "regression")]
    public void A_horizontal_metric_that_does_not_fit_the_model_is_refused(string type, string model, string metric, string task)
    {
        var yaml = ModelJob(type, $"{{ {model}, metrics: [{metric}] }}", validate: true);
        AssertOnlyError(yaml, $"validation metric \"{metric}\" does not fit a {task} model", $"metrics: [{metric}]", "metrics");
        Parse(ModelJob("homo_nn", "{ layers: [{ type: dense, units: 1 }], loss: mse, metrics: [rmse, r2] }", validate: true));
    }

    [Fact]
    public void An_unknown_metric_is_refused_naming_it_and_the_known_ones()
    {
        var yaml = ModelJob("hetero_lr", "metrics: [auc, gini]", validate: true);
        var error = AssertOnlyError(yaml, "unknown validation metric \"gini\"; known: loss, auc, ks", "metrics: [auc, gini]");
        Assert.Equal("model_0.parameters.metrics", error.Where);
    }

    [Theory]
    [InlineData("hetero_linr", "auc", "regression")]
    [InlineData("hetero_poisson", "ks", "Poisson regression")]
    [InlineData("hetero_lr", "rmse", "binary classification")]
    [InlineData("hetero_secureboost", "r2", "binary classification")]
    public void A_metric_that_does_not_fit_the_task_is_refused(string type, string metric, string task)
    {
        var yaml = ModelJob(type, $"metrics: [{metric}]", validate: true);
        AssertOnlyError(yaml, $"validation metric \"{metric}\" does not fit a {task} model", $"metrics: [{metric}]");
    }

    [Fact]
    public void Secureboost_checks_metrics_against_its_objective()
    {
        Parse(ModelJob("hetero_secureboost", "{ objective: l2, metrics: [rmse, r2] }", validate: true));
        var yaml = ModelJob("hetero_secureboost", "{ objective: softmax, num_classes: 3, metrics: [auc] }", validate: true);
        Assert.Contains("validation metric \"auc\" does not fit a multi-class model", SingleError(yaml).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fitting_metrics_and_validation_parameters_resolve()
    {
        var p = Parse(ModelJob("hetero_linr", "{ metrics: [rmse, r2, loss], validation_freqs: 2, early_stopping_rounds: 2, use_first_metric_only: true }", validate: true))
            .Component("model_0").ParametersFor(9999);
        Assert.Equal(2, p["validation_freqs"]!.GetValue<long>());
        Assert.Equal(["rmse", "r2", "loss"], p["metrics"]!.AsArray().Select(m => m!.GetValue<string>()));
    }
}
