using System.Text.Json.Nodes;
using Concord.Flow.Dsl.Specs;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.Neural.Definition;
using static Concord.Flow.Tests.Dsl.JobYaml;

namespace Concord.Flow.Tests.Dsl;

/// <summary>homo_nn's layer list in a job file: what it resolves to, and errors with the line of the layer at fault.</summary>
public sealed class HomoNnSpecTests
{
    /// <summary>A homo_nn job whose layers are <paramref name="layers"/> (lines of a YAML list, indented under layers:).</summary>
    private static string NnJob(string layers, string extra = "") => Job($$"""
        {{Reader}}
        - name: nn_0
          type: homo_nn
          inputs: { train_data: reader_0.data }
          parameters:
            {{extra}}
            layers:
        {{string.Join("\n", layers.Split('\n').Select(l => "      " + l))}}
        """);

    private const string Good = """
        - { type: dense, units: 32 }
        - { type: relu }
        - { type: dropout, rate: 0.1 }
        - { type: dense, units: 4 }
        - { type: softmax }
        """;

    [Fact]
    public void The_issue_example_resolves_to_the_same_layers_at_every_client_and_parses()
    {
        var job = Parse(NnJob(Good, "optimizer: sgd"));
        var nn = job.Component("nn_0");
        Assert.Equal([9999, 10000, 10001, 10002], nn.Parties);
        var parameters = nn.ParametersFor(10000);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"type":"dense","units":32},{"type":"relu"},{"type":"dropout","rate":0.1},{"type":"dense","units":4},{"type":"softmax"}]"""),
            parameters["layers"]));
        var definition = NeuralModelParser.Parse(parameters);
        Assert.Equal([LayerDefinition.Dense(32), LayerDefinition.Of(LayerKind.Relu), LayerDefinition.Dropout(0.1), LayerDefinition.Dense(4), LayerDefinition.Of(LayerKind.Softmax)], definition.Layers);
        Assert.Equal(NeuralOptimizerKind.Sgd, definition.Optimizer);
    }

    [Fact]
    public void The_spec_knows_exactly_the_layer_types_and_fields_the_model_reads()
    {
        Assert.Equal(
            NeuralModelParser.FieldsByKind.ToDictionary(k => k.Key.ToWire(), k => string.Join(",", k.Value)),
            HomoNnSpec.Layers.ToDictionary(v => v.Type, v => string.Join(",", v.Fields.Select(f => f.Name))));
    }

    [Theory]
    [InlineData("- { type: dense, units: 8, unit: 32 }", "unit: 32", "unknown field \"unit\"; expected type, units, input_units; did you mean \"units\"?")]
    [InlineData("- { type: softmx }", "softmx", "unknown type \"softmx\"; did you mean \"softmax\"?")]
    [InlineData("- { type: dense }", "{ type: dense }", "\"units\" is not set; expected an integer at least 1")]
    [InlineData("- { type: dense, units: many }", "many", "expected an integer at least 1, found \"many\"")]
    [InlineData("- { type: dense, units: 0 }", "0 }", "0 is out of range: expected an integer at least 1")]
    [InlineData("- { type: dropout, rate: 1 }", "1 }", "1 is out of range: expected a number in [0, 1)")]
    [InlineData("- { type: relu, units: 3 }", "units", "unknown field \"units\"; expected type")]
    [InlineData("- { units: 3 }", "{ units: 3 }", "the item has no type; expected type: one of dense, relu, sigmoid, tanh, dropout, softmax")]
    [InlineData("- dense", "dense", "expected a mapping with type: one of dense")]
    public void A_bad_layer_is_reported_at_its_own_line(string layer, string at, string says)
    {
        var yaml = NnJob($"- {{ type: dense, units: 8 }}\n{layer}\n- {{ type: dense, units: 2 }}\n- {{ type: softmax }}");
        var error = AssertOnlyError(yaml, says, layer, at);
        Assert.StartsWith("nn_0.parameters.layers[1]", error.Where, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typed_list_spec_must_be_well_formed()
    {
        static string Refused(ParameterSpec parameter) =>
            Assert.Throws<ArgumentException>(() => new ComponentSpecs([new ComponentSpec("t", "test") { Parameters = [parameter] }])).Message;
        Assert.Contains("only a typed list, has item types", Refused(Param.TypedList("layers")), StringComparison.Ordinal);
        Assert.Contains("names item type \"a\" twice", Refused(Param.TypedList("layers", Param.Variant("a"), Param.Variant("a"))), StringComparison.Ordinal);
        Assert.Contains("neither \"type\" nor groups or lists", Refused(Param.TypedList("layers", Param.Variant("a", Param.Int("type")))), StringComparison.Ordinal);
        Assert.Contains("only a typed list, has item types", Refused(Param.Int("n") with { Variants = [Param.Variant("a")] }), StringComparison.Ordinal);
    }

    [Fact]
    public void Layers_are_required()
    {
        var error = SingleError(Job($$"""
            {{Reader}}
            - { name: nn_0, type: homo_nn, inputs: { train_data: reader_0.data }, parameters: { rounds: 3 } }
            """));
        Assert.Contains("homo_nn needs parameter \"layers\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_predicting_homo_nn_takes_its_layers_from_the_loaded_model_and_cannot_also_train()
    {
        const string Loader = "- { name: loader_0, type: model_loader, parameters: { model_id: job_nn_0 } }";
        var job = Parse(Job($$"""
            {{Reader}}
            {{Loader}}
            - { name: nn_0, type: homo_nn, inputs: { test_data: reader_0.data, input_model: loader_0.model } }
            """));
        Assert.Null(job.Component("nn_0").ParametersFor(9999)["layers"]);

        var failure = Fail(Job($$"""
            {{Reader}}
            {{Loader}}
            - { name: nn_0, type: homo_nn, inputs: { train_data: reader_0.data, input_model: loader_0.model } }
            """));
        Assert.Contains(failure.Errors, e => e.Message.Contains(
            "homo_nn trains from train_data or predicts from input_model with test_data; name exactly one of the inputs train_data, input_model", StringComparison.Ordinal));
    }

    [Fact]
    public void A_network_that_cannot_work_is_refused_at_submit_time_naming_the_layer()
    {
        var yaml = NnJob("- { type: dense, units: 4 }\n- { type: softmax }\n- { type: relu }");
        // Reported at the list's key, layers:.
        var error = AssertOnlyError(yaml, "layers[1] (softmax) must be the last layer", "layers:");
        Assert.Equal("nn_0.parameters.layers", error.Where);

        yaml = NnJob("- { type: dense, units: 4 }\n- { type: relu }");
        AssertOnlyError(yaml, "loss cross_entropy needs probabilities, but the last layer is layers[1] (relu)", "layers:");

        yaml = NnJob("- { type: dense, units: 8 }\n- { type: dense, units: 4, input_units: 6 }\n- { type: softmax }");
        AssertOnlyError(yaml, "layers[1] (dense) declares input_units: 6, but the layer before it gives 8 units", "layers:");
    }

    [Fact]
    public void A_loss_that_does_not_fit_the_output_is_reported_at_the_layers()
    {
        var yaml = NnJob(Good, "loss: mse");
        AssertOnlyError(yaml, "loss mse regresses one value, and layers[4] (softmax) makes probabilities", "layers:");
    }
}
