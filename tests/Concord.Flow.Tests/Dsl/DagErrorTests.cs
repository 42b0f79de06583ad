using static Concord.Flow.Tests.Dsl.JobYaml;

namespace Concord.Flow.Tests.Dsl;

/// <summary>Inputs that name the wrong thing, and graphs that loop.</summary>
public sealed class DagErrorTests
{
    [Fact]
    public void A_two_component_cycle_is_named_and_points_at_the_input_that_closes_it()
    {
        var yaml = Job($$"""
            {{Reader}}
            - { name: a, type: data_transform, inputs: { data: b.data } }
            - { name: b, type: data_transform, inputs: { data: a.data } }
            """);
        var error = AssertOnlyError(yaml, "the components form a cycle: a → b → a (each feeds the next)", "b.data }");
        Assert.Equal("a.inputs.data", error.Where);
    }

    [Fact]
    public void A_longer_cycle_lists_every_component_on_it_in_data_flow_order()
    {
        var yaml = Job($$"""
            {{Reader}}
            - { name: x, type: data_transform, inputs: { data: z.data } }
            - { name: y, type: psi, inputs: { data: x.data } }
            - { name: z, type: data_transform, inputs: { data: y.data } }
            - { name: after, type: statistics, inputs: {data: z.data} }
            """);
        AssertOnlyError(yaml, "x → y → z → x", "z.data }");
    }

    [Fact]
    public void Two_separate_cycles_are_both_reported_and_a_self_loop_is_a_cycle()
    {
        var yaml = Job($$"""
            {{Reader}}
            - { name: self, type: data_transform, inputs: { data: self.data } }
            - { name: p, type: data_transform, inputs: { data: q.data } }
            - { name: q, type: data_transform, inputs: { data: p.data } }
            """);
        var errors = Fail(yaml).Errors;
        Assert.Equal(2, errors.Count);
        AssertError(errors[0], yaml, "self → self", "self.data");
        AssertError(errors[1], yaml, "p → q → p", "q.data");
    }

    [Theory]
    [InlineData("statistics, inputs: { data: reder_0.data }", "no component is named \"reder_0\"; did you mean \"reader_0\"?", "reder_0.data")]
    [InlineData("statistics, inputs: { data: reader_0.model }", "reader_0 (reader) has no output \"model\"; its outputs: data", "reader_0.model")]
    [InlineData("statistics, inputs: { data: reader_0 }", "expected <component>.<output>, such as reader_0.data, found \"reader_0\"", "reader_0 }")]
    [InlineData("statistics, inputs: [reader_0.data]", "expected a mapping of input slots to outputs", "[reader_0.data]")]
    [InlineData("hetero_lr, inputs: { train_data: reader_0.data, validation_data: reader_0.data }", "unknown input \"validation_data\"; did you mean \"validate_data\"?", "validation_data")]
    [InlineData("hetero_lr, inputs: { train_data: reader_0.data, warm_start_model: reader_0.data }", "input \"warm_start_model\" takes a model, but reader_0.data is data", "warm_start_model", "reader_0.data }")]
    [InlineData("evaluation, inputs: { data: stats_0.metrics }", "input \"data\" takes data, but stats_0.metrics is metrics", "stats_0.metrics")]
    [InlineData("statistics", "statistics needs input \"data\" (data); set it as inputs: { data: <component>.data }", "name: c_0", "{ name: c_0")]
    [InlineData("reader, inputs: { data: reader_0.data }, parameters: { table: { namespace: a, name: b } }", "reader takes no inputs, but names input \"data\"", "type: reader,", "data")]
    public void An_input_that_cannot_be_wired_points_at_itself_and_says_why(string component, string says, string line, string? at = null)
    {
        var yaml = Job($$"""
            {{Reader}}
            - { name: stats_0, type: statistics, inputs: { data: reader_0.data } }
            - { name: c_0, type: {{component}} }
            """);
        AssertOnlyError(yaml, says, line, at);
    }
}
