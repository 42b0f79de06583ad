using Concord.Flow.Dsl;
using static Concord.Flow.Tests.Dsl.JobYaml;

namespace Concord.Flow.Tests.Dsl;

/// <summary>Horizontal jobs refused at submit time for what no single parameter's range can say, each error at its line.</summary>
public sealed class HomoJobErrorTests
{
    private static string HomoJob(string parameterLines, string parties = Parties) => $$"""
        {{parties}}
        components:
        {{Reader}}
        - name: homo_0
          type: homo_lr
          inputs: { train_data: reader_0.data }
          parameters:
            {{parameterLines}}
        """;

    [Fact]
    public void A_valid_horizontal_job_resolves_the_framework_and_model_defaults()
    {
        var job = Parse(HomoJob("rounds: 5"));
        var homo = job.Component("homo_0");
        Assert.Equal([9999, 10000, 10001, 10002], homo.Parties);
        var p = homo.ParametersFor(10002);
        Assert.Equal(5, p["rounds"]!.GetValue<long>());
        Assert.Equal("secure", p["aggregation"]!.GetValue<string>());
        Assert.Equal("none", p["dp"]!["mode"]!.GetValue<string>());
        Assert.Equal(64, p["batch_size"]!.GetValue<int>());
    }

    [Fact]
    public void More_clients_per_round_than_the_job_has_is_an_error_at_min_clients()
    {
        var yaml = HomoJob("min_clients: 4");
        var error = SingleError(yaml);
        AssertAt(error, yaml, "min_clients: 4");
        Assert.Equal("homo_0.parameters.min_clients", error.Where);
        Assert.Contains("min_clients is 4, but the job has only 3 client(s) (the guest and 2 host(s)); no round could complete", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_minimum_of_two_needs_a_host()
    {
        var yaml = HomoJob("rounds: 3", parties: "parties: { guest: 9999, arbiter: 10002 }");
        var error = SingleError(yaml);
        Assert.Contains("min_clients is 2, but the job has only 1 client(s)", error.Message, StringComparison.Ordinal);
        AssertAt(error, yaml, "type: homo_lr", "homo_lr");
    }

    [Fact]
    public void Secure_aggregation_of_one_client_is_refused()
    {
        var yaml = HomoJob("min_clients: 1");
        var error = SingleError(yaml);
        AssertAt(error, yaml, "min_clients: 1");
        Assert.Contains("secure aggregation needs min_clients of at least 2", error.Message, StringComparison.Ordinal);
        Parse(HomoJob("{ min_clients: 1, aggregation: plain }"));
    }

    [Fact]
    public void A_secure_aggregation_threshold_at_or_below_half_of_the_clients_is_refused()
    {
        // At or below half, a lying arbiter could tell two groups of t clients different survivor lists (BonawitzClient).
        var yaml = HomoJob("secure_aggregation_threshold: 1");
        var error = SingleError(yaml);
        AssertAt(error, yaml, "secure_aggregation_threshold: 1");
        Assert.Contains("the threshold 1 is not above half of the job's 3 clients", error.Message, StringComparison.Ordinal);
        Parse(HomoJob("secure_aggregation_threshold: 2"));
    }

    [Fact]
    public void Differential_privacy_needs_exactly_one_of_noise_and_target()
    {
        var yaml = HomoJob("dp: { mode: central }");
        var error = SingleError(yaml);
        AssertAt(error, yaml, "dp: { mode: central }", "dp");
        Assert.Contains("exactly one of noise_multiplier and target_epsilon", error.Message, StringComparison.Ordinal);
        Parse(HomoJob("dp: { mode: dp_sgd, target_epsilon: 8 }"));
        SingleError(HomoJob("dp: { mode: dp_sgd, target_epsilon: 8, noise_multiplier: 1.1 }"));
    }

    [Fact]
    public void A_strategy_group_reads_into_the_settings_and_robust_rules_are_refused_under_secure_aggregation()
    {
        var settings = Concord.Flow.Components.Homo.HomoComponent.Settings(Parse(HomoJob("strategy: { name: fedadam, eta: 0.05 }")).Component("homo_0").ParametersFor(10002), seed: 1, Concord.Flow.Dsl.Specs.Components.HomoLrSpec.Spec);
        Assert.Equal(Concord.ML.Horizontal.Strategies.StrategyKind.FedAdam, settings.Strategy.Name);
        Assert.Equal(0.05, settings.Strategy.Eta);
        Assert.Null(settings.Strategy.Tau);
        Assert.Equal(0.9, settings.Strategy.Beta1);

        var yaml = HomoJob("strategy: { name: median }");
        var error = SingleError(yaml);
        AssertAt(error, yaml, "strategy: { name: median }", "strategy");
        Assert.Contains("strategy median needs each client's update, but under aggregation secure the arbiter sees only their sum", error.Message, StringComparison.Ordinal);
        Parse(HomoJob("{ strategy: { name: krum, num_malicious_clients: 1 }, aggregation: plain }"));
    }

    [Fact]
    public void Early_stopping_on_the_loss_is_refused_under_differential_privacy()
    {
        var error = SingleError(HomoJob("{ tol: 0.001, dp: { mode: dp_sgd, noise_multiplier: 1.0 } }"));
        Assert.Contains("early stopping on the loss is off under differential privacy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_horizontal_job_without_an_arbiter_is_refused()
    {
        var error = SingleError(HomoJob("rounds: 3", parties: "parties: { guest: 9999, hosts: [10000] }"));
        Assert.Contains("homo_lr needs at least one arbiter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_example_horizontal_jobs_validate()
    {
        foreach (var name in new[] { "homo-lr-breast.yaml", "homo-lr-default-credit.yaml" })
        {
            var job = JobFile.Load(Path.Combine(AppContext.BaseDirectory, "examples", "jobs", name));
            Assert.Equal(["reader_0", "reader_test", "homo_lr_0", "evaluation_0"], job.Components.Select(c => c.Name));
            Assert.Equal(2, job.Component("homo_lr_0").Inputs.Count);
        }
    }
}
