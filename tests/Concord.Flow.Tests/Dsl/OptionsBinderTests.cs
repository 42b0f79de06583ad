using System.Text.Json.Nodes;
using Concord.Flow.Dsl.Specs;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.JobParameters;

namespace Concord.Flow.Tests.Dsl;

/// <summary>The binder derives a parameter's spec from its options property and binds job values back, refusing bad ones in one line.</summary>
public sealed class OptionsBinderTests
{
    public enum SampleMode
    {
        None,
        DpSgd,
        [WireName("rmsprop")]
        RmsProp,
    }

    [ParameterGroup("init", Description = "how it starts")]
    public sealed record Sample
    {
        [Parameter("key_bits", AtLeast = 1024, AtMost = 4096, Description = "key size")]
        public int KeyBits { get; init; } = 2048;

        [Parameter("mode")]
        public SampleMode Mode { get; init; } = SampleMode.DpSgd;

        [Parameter("batch_size", AtLeast = 1, Or = -1, PerParty = true)]
        public int BatchSize { get; init; } = -1;

        [Parameter("rate", Above = 0, Group = "init")]
        public double Rate { get; init; } = 0.5;

        [Parameter("columns")]
        public IReadOnlyList<string>? Columns { get; init; }

        [Parameter("inner")]
        public Inner Nested { get; init; } = new();

        public long Seed { get; init; }
    }

    public sealed record Inner
    {
        [Parameter("eta", Above = 0, Below = 1)]
        public double? Eta { get; init; }
    }

    private static Sample Bind(string json, ComponentSpec? component = null) => OptionsBinder.Bind<Sample>(JsonNode.Parse(json)!.AsObject(), component);

    private static string Refusal(string json) => Assert.Throws<ArgumentException>(() => Bind(json)).Message;

    [Fact]
    public void The_spec_is_the_properties_in_declaration_order_with_their_initial_values_as_defaults()
    {
        var spec = OptionsBinder.Spec<Sample>();
        Assert.Equal(["key_bits", "mode", "batch_size", "init", "columns", "inner"], spec.Select(p => p.Name));
        var keyBits = spec[0];
        Assert.Equal((ParameterKind.Int, "in [1024, 4096]", 2048, "key size", false), (keyBits.Kind, keyBits.Range!.ToString(), keyBits.DefaultValue!.GetValue<int>(), keyBits.Description, keyBits.IsPerParty));
        Assert.Equal(["none", "dp_sgd", "rmsprop"], spec[1].Allowed);
        Assert.Equal("dp_sgd", spec[1].DefaultValue!.GetValue<string>());
        Assert.Equal(("at least 1, or -1", true), (spec[2].Range!.ToString(), spec[2].IsPerParty));
        Assert.Equal((ParameterKind.Group, "how it starts", "greater than 0", 0.5), (spec[3].Kind, spec[3].Description, spec[3].Field("rate")!.Range!.ToString(), spec[3].Field("rate")!.DefaultValue!.GetValue<double>()));
        Assert.Equal((ParameterKind.StringList, null), (spec[4].Kind, spec[4].DefaultValue));
        Assert.Equal((ParameterKind.Double, "in (0, 1)", null), (spec[5].Field("eta")!.Kind, spec[5].Field("eta")!.Range!.ToString(), spec[5].Field("eta")!.DefaultValue));
        Assert.Null(new ComponentSpecs([new ComponentSpec("sample", "") { Parameters = spec }]).Find("sample")!.Parameter("seed"));
    }

    [Fact]
    public void Values_bind_onto_a_new_record_and_what_is_left_out_keeps_its_default()
    {
        Assert.Equal(new Sample(), Bind("{}"));
        Assert.Equal(new Sample(), Bind("""{ "init": {}, "inner": {} }"""));
        var bound = Bind("""{ "key_bits": 1024, "mode": "rmsprop", "batch_size": 32, "init": { "rate": 2 }, "columns": ["a", "b"], "inner": { "eta": 0.5 } }""");
        Assert.Equal(
            new Sample { KeyBits = 1024, Mode = SampleMode.RmsProp, BatchSize = 32, Rate = 2, Nested = new Inner { Eta = 0.5 } },
            bound with { Columns = null });
        Assert.Equal(["a", "b"], bound.Columns);
        Assert.Null(new Sample().Nested.Eta);
    }

    [Theory]
    [InlineData("""{ "key_bits": 768 }""", "parameter \"key_bits\": 768 is out of range: expected an integer in [1024, 4096]")]
    [InlineData("""{ "batch_size": 0 }""", "parameter \"batch_size\": 0 is out of range: expected an integer at least 1, or -1")]
    [InlineData("""{ "init": { "rate": 0 } }""", "parameter \"init.rate\": 0 is out of range: expected a number greater than 0")]
    [InlineData("""{ "inner": { "eta": 1 } }""", "parameter \"inner.eta\": 1 is out of range: expected a number in (0, 1)")]
    [InlineData("""{ "key_bits": 1.5 }""", "parameter \"key_bits\": expected an integer in [1024, 4096], found 1.5")]
    [InlineData("""{ "mode": "RmsProp" }""", "parameter \"mode\": \"RmsProp\" is not allowed: expected one of none, dp_sgd, rmsprop; did you mean \"rmsprop\"?")]
    [InlineData("""{ "mode": "dpsgd" }""", "parameter \"mode\": \"dpsgd\" is not allowed: expected one of none, dp_sgd, rmsprop; did you mean \"dp_sgd\"?")]
    [InlineData("""{ "key_bit": 2048 }""", "parameter \"key_bit\" is unknown; expected one of key_bits, mode, batch_size, init, columns, inner; did you mean \"key_bits\"?")]
    [InlineData("""{ "init": { "rat": 1 } }""", "parameter \"init.rat\" is unknown; expected one of rate; did you mean \"rate\"?")]
    [InlineData("""{ "init": 1 }""", "parameter \"init\": expected a mapping with fields rate, found 1")]
    public void A_bad_value_is_refused_in_one_line_naming_the_field_and_the_limit(string json, string expected)
    {
        var message = Refusal(json);
        Assert.Equal(expected, message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void A_parameter_the_component_declares_besides_the_options_is_left_to_it()
    {
        var component = new ComponentSpec("sample", "") { Parameters = [.. OptionsBinder.Spec<Sample>(), Param.String("exposure_column")] };
        Assert.Equal(new Sample { KeyBits = 4096 }, Bind("""{ "key_bits": 4096, "exposure_column": "t" }""", component));
        Assert.Contains("\"exposure_colum\" is unknown", Assert.Throws<ArgumentException>(() => Bind("""{ "exposure_colum": "t" }""", component)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_words_are_wire_names_or_snake_case_in_declaration_order() =>
        Assert.Equal([("none", (object)SampleMode.None), ("dp_sgd", SampleMode.DpSgd), ("rmsprop", SampleMode.RmsProp)], WireNames.Of(typeof(SampleMode)));
}
