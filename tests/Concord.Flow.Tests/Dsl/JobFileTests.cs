using System.Text.Json.Nodes;
using Concord.Federation.Parties;
using Concord.Flow.Dsl;
using Concord.Flow.Dsl.Specs;
using static Concord.Flow.Tests.Dsl.JobYaml;

namespace Concord.Flow.Tests.Dsl;

/// <summary>Valid job files: what they resolve to.</summary>
public sealed class JobFileTests
{
    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual.ToJsonString()}");

    [Fact]
    public void Every_example_job_validates()
    {
        var jobs = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples", "jobs"), "*.yaml");
        Assert.True(jobs.Length >= 6, $"only {jobs.Length} example jobs were copied");
        foreach (var file in jobs)
        {
            var job = JobFile.Load(file);
            Assert.NotEmpty(job.Components);
        }
    }

    [Fact]
    public void The_statistics_example_validates_for_the_demo_s_three_banks()
    {
        var job = JobFile.Load(Path.Combine(AppContext.BaseDirectory, "examples", "jobs", "statistics-default-credit.yaml"));
        Assert.Equal(new JobSettings("statistics-default-credit", TimeSpan.FromSeconds(600), 42, 5), job.Settings);
        Assert.Equal(9999, job.Roster.Guest);
        Assert.Equal([10000, 10001], job.Roster.Hosts);
        Assert.Null(job.Roster.Arbiter);
        Assert.Equal(["reader_0", "statistics_0"], job.Components.Select(c => c.Name));
        var reader = job.Component("reader_0");
        Assert.Equal([9999, 10000, 10001], reader.Parties);
        foreach (var (party, file) in new[] { (9999, "guest"), (10000, "host_1"), (10001, "host_2") })
        {
            AssertJson(
                $$"""{"table": {"namespace": "demo", "name": "default_credit"}, "file": "../data/default_credit_homo_{{file}}.csv.gz"}""",
                reader.ParametersFor(party));
        }
        var statistics = job.Component("statistics_0");
        Assert.Equal([new ComponentInput("data", "reader_0", "data", ArtifactKind.Data)], statistics.Inputs);
        Assert.Equal([9999, 10000, 10001], statistics.Parties);
        Assert.Equal(new[] { reader }, job.Dependencies("statistics_0"));
    }

    [Fact]
    public void The_vertical_training_example_resolves_roles_defaults_and_groups()
    {
        var job = JobFile.Load(Path.Combine(AppContext.BaseDirectory, "Dsl", "Jobs", "hetero-lr-breast.yaml"));
        Assert.Equal((9999, 10002), (job.Roster.Guest, job.Roster.Arbiter));
        Assert.Equal([10000], job.Roster.Hosts);
        Assert.Equal(["reader_0", "psi_0", "transform_0", "lr_0", "eval_0"], job.Components.Select(c => c.Name));
        Assert.Equal([9999, 10000, 10002], job.Component("lr_0").Parties);
        Assert.Equal([9999], job.Component("eval_0").Parties);
        AssertJson("""{"table": {"namespace": "experiment", "name": "breast_hetero_host"}}""", job.Component("reader_0").ParametersFor(10000));
        AssertJson("""
            {"max_iter": 50, "learning_rate": 0.15, "batch_size": -1, "penalty": "l2", "alpha": 0.01, "optimizer": "rmsprop",
             "tol": 0.0001, "early_stop": "diff", "key_bits": 1024, "decay": 0, "standardize": false, "keep_constant_features": false,
             "validation_freqs": 1, "early_stopping_rounds": 0, "use_first_metric_only": false,
             "init_param": {"method": "random_uniform", "fit_intercept": true, "const": 0}}
            """, job.Component("lr_0").ParametersFor(10002));
        AssertJson("""{"eval_type": "binary", "threshold": 0.5, "pos_label": 1, "metrics": ["auc", "ks"]}""", job.Component("eval_0").ParametersFor(9999));
        Assert.Equal(10, job.Settings.CheckpointEvery);
    }

    [Fact]
    public void A_party_s_value_beats_its_role_s_which_beats_the_common_one_which_beats_the_default()
    {
        var job = Parse(Job($$"""
            {{Reader}}
            - name: transform_0
              type: data_transform
              inputs: { data: reader_0.data }
              parameters: { missing_fill: mean, features: [x0, x1] }
              parties:
                host: { missing_fill: min, label_name: null }
                "10001": { missing_fill: value, missing_fill_value: 3, features: null }
                9999: { label_name: default }
            """));
        var transform = job.Component("transform_0");
        AssertJson("""{"label_name": "default", "features": ["x0", "x1"], "missing_fill": "mean", "missing_fill_value": 0, "label_type": "float", "data_type": "float"}""", transform.ParametersFor(9999));
        AssertJson("""{"label_name": "y", "features": ["x0", "x1"], "missing_fill": "min", "missing_fill_value": 0, "label_type": "float", "data_type": "float"}""", transform.ParametersFor(10000));
        // null leaves a value to the layer below, so 10001 keeps the common features.
        AssertJson("""{"label_name": "y", "features": ["x0", "x1"], "missing_fill": "value", "missing_fill_value": 3, "label_type": "float", "data_type": "float"}""", transform.ParametersFor(10001));
        Assert.Equal([9999, 10000, 10001], transform.Parties);
    }

    [Fact]
    public void Group_parameters_merge_field_by_field_across_layers()
    {
        var spec = new ComponentSpec("tuned", "a component with a per-party group")
        {
            Parameters = [Param.Group("opt", Param.Int("a").Default(1), Param.Int("b").Default(2), Param.Int("c")).PerParty()],
        };
        var job = JobFile.Parse(Job("""
            - name: t
              type: tuned
              parameters: { opt: { a: 10, c: 30 } }
              parties:
                host: { opt: { b: 20 } }
                10001: { opt: { a: 11 } }
            """), Source, new ComponentSpecs([spec]));
        var t = job.Component("t");
        AssertJson("""{"opt": {"a": 10, "b": 2, "c": 30}}""", t.ParametersFor(9999));
        AssertJson("""{"opt": {"a": 10, "b": 20, "c": 30}}""", t.ParametersFor(10000));
        AssertJson("""{"opt": {"a": 11, "b": 20, "c": 30}}""", t.ParametersFor(10001));
    }

    [Fact]
    public void A_component_without_parameters_gets_every_default_at_every_party_it_runs_at()
    {
        var job = Parse(Job($$"""
            {{Reader}}
            - { name: lr_0, type: hetero_lr, inputs: { train_data: reader_0.data } }
            """));
        var lr = job.Component("lr_0");
        Assert.Equal([9999, 10000, 10001, 10002], lr.Parties);
        var expected = """
            {"max_iter": 30, "learning_rate": 0.15, "batch_size": -1, "penalty": "l2", "alpha": 0.01, "optimizer": "rmsprop",
             "tol": 0.0001, "early_stop": "diff", "key_bits": 2048, "decay": 0, "standardize": false, "keep_constant_features": false,
             "validation_freqs": 1, "early_stopping_rounds": 0, "use_first_metric_only": false,
             "init_param": {"method": "zeros", "fit_intercept": true, "const": 0}}
            """;
        foreach (var party in lr.Parties)
        {
            AssertJson(expected, lr.ParametersFor(party));
        }
        Assert.Equal(new JobSettings(Path.GetFileNameWithoutExtension(Source), TimeSpan.FromHours(1), 0, 5), job.Settings);
    }

    [Fact]
    public void Components_come_out_after_their_producers_whatever_the_file_order()
    {
        var job = Parse(Job($$"""
            - { name: eval_0, type: evaluation, inputs: { data: lr_0.data } }
            - { name: lr_0, type: hetero_lr, inputs: { train_data: reader_0.data, validate_data: reader_1.data } }
            - { name: reader_1, type: reader, parameters: { table: { namespace: demo, name: validate } } }
            {{Reader}}
            """));
        Assert.Equal(["reader_1", "reader_0", "lr_0", "eval_0"], job.Components.Select(c => c.Name));
    }

    [Fact]
    public void The_same_job_in_json_resolves_to_the_same_definition()
    {
        var yaml = JobFile.Load(Path.Combine(AppContext.BaseDirectory, "Dsl", "Jobs", "hetero-lr-breast.yaml"));
        var json = JobFile.Parse("""
            {
              "job": { "name": "hetero-lr-breast", "timeout": 1800, "seed": 7, "checkpoint_every": 10 },
              "parties": { "guest": 9999, "hosts": [10000], "arbiter": 10002 },
              "components": [
                { "name": "reader_0", "type": "reader",
                  "parties": {
                    "guest": { "table": { "namespace": "experiment", "name": "breast_hetero_guest" } },
                    "host": { "table": { "namespace": "experiment", "name": "breast_hetero_host" } } } },
                { "name": "psi_0", "type": "psi", "inputs": { "data": "reader_0.data" } },
                { "name": "transform_0", "type": "data_transform", "inputs": { "data": "psi_0.data" },
                  "parameters": { "missing_fill": "mean" }, "parties": { "guest": { "label_name": "y" } } },
                { "name": "lr_0", "type": "hetero_lr", "inputs": { "train_data": "transform_0.data" },
                  "parameters": { "max_iter": 50, "learning_rate": 0.15, "batch_size": -1, "penalty": "l2", "alpha": 0.01,
                    "optimizer": "rmsprop", "early_stop": "diff", "tol": 1.0e-4, "key_bits": 1024,
                    "init_param": { "method": "random_uniform", "fit_intercept": true } } },
                { "name": "eval_0", "type": "evaluation", "inputs": { "data": "lr_0.data" },
                  "parameters": { "eval_type": "binary", "metrics": ["auc", "ks"] } }
              ]
            }
            """, "hetero-lr-breast.json");
        Assert.Equal(yaml.Settings, json.Settings);
        Assert.Equal((yaml.Roster.Guest, yaml.Roster.Arbiter), (json.Roster.Guest, json.Roster.Arbiter));
        Assert.Equal(yaml.Roster.Hosts, json.Roster.Hosts);
        Assert.Equal(yaml.Components.Select(c => c.Name), json.Components.Select(c => c.Name));
        foreach (var (a, b) in yaml.Components.Zip(json.Components))
        {
            Assert.Equal(a.Inputs, b.Inputs);
            Assert.Equal(a.Parties, b.Parties);
            foreach (var party in a.Parties)
            {
                Assert.True(JsonNode.DeepEquals(a.ParametersFor(party), b.ParametersFor(party)), $"{a.Name} at {party}");
            }
        }
    }

    [Fact]
    public void Errors_in_json_point_at_json_lines()
    {
        var json = """
            {
              "parties": { "guest": 9999, "hosts": [10000], "arbiter": 10002 },
              "components": [
                { "name": "lr_0", "type": "hetero_lr",
                  "inputs": { "train_data": "reader_0.data" },
                  "parameters": { "max_iter": "many" } }
              ]
            }
            """;
        var errors = Fail(json).Errors;
        Assert.Equal(2, errors.Count);
        AssertAt(errors[0], json, "reader_0.data", "\"reader_0.data\"");
        AssertError(errors[1], json, "found \"many\" (quoted, so a string)", "\"many\"");
    }

    [Fact]
    public void A_single_host_may_be_written_without_a_list()
    {
        var job = Parse("parties: { guest: 1, hosts: 2 }\ncomponents:\n" + Reader);
        Assert.Equal([2], job.Roster.Hosts);
        Assert.Equal(PartyRef.Host(2), job.Roster.RoleOf(2));
    }

    [Fact]
    public void Parameters_are_handed_out_as_copies_and_only_to_parties_that_run_the_component()
    {
        var job = Parse(Job(Reader));
        var reader = job.Component("reader_0");
        reader.ParametersFor(9999)["table"] = "tampered";
        AssertJson("""{"table": {"namespace": "demo", "name": "credit"}}""", reader.ParametersFor(9999));
        var error = Assert.Throws<ArgumentException>(() => reader.ParametersFor(10002));
        Assert.Contains("party 10002 does not run reader_0 (reader)", error.Message, StringComparison.Ordinal);
    }
}
