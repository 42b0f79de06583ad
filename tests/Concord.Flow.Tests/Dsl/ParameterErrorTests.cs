using Concord.Flow.Dsl;
using Concord.Flow.Dsl.Specs;
using static Concord.Flow.Tests.Dsl.JobYaml;

namespace Concord.Flow.Tests.Dsl;

/// <summary>Parameters of the wrong type, out of range, unknown, set where they may not be, or missing.</summary>
public sealed class ParameterErrorTests
{
    /// <summary>A job whose only doubt is one hetero_lr parameter line.</summary>
    private static string LrJob(string parameterLine) => Job($$"""
        {{Reader}}
        - name: lr_0
          type: hetero_lr
          inputs: { train_data: reader_0.data }
          parameters:
            {{parameterLine}}
        """);

    /// <summary>A job whose only doubt is one psi parameter line.</summary>
    private static string PsiJob(string parameterLine) => Job($$"""
        {{Reader}}
        - name: psi_0
          type: psi
          inputs: { data: reader_0.data }
          parameters:
            {{parameterLine}}
        """);

    [Theory]
    [InlineData("max_iter: ten", "ten", "expected an integer in [1, 10000], found \"ten\"")]
    [InlineData("max_iter: 2.5", "2.5", "expected an integer in [1, 10000], found \"2.5\"")]
    [InlineData("max_iter: \"30\"", "\"30\"", "found \"30\" (quoted, so a string)")]
    [InlineData("learning_rate: fast", "fast", "expected a number in (0, 10], found \"fast\"")]
    [InlineData("learning_rate: .nan", ".nan", "expected a number in (0, 10]")]
    [InlineData("penalty: [l1, l2]", "[l1", "expected one of none, l1, l2, found a list")]
    [InlineData("init_param: zeros", "zeros", "expected a mapping with fields method, fit_intercept, const, found \"zeros\"")]
    [InlineData("init_param: { fit_intercept: yes }", "yes", "expected true or false, found \"yes\"")]
    public void A_parameter_of_the_wrong_type_says_what_was_expected(string line, string at, string expected)
    {
        var error = AssertOnlyError(LrJob(line), expected, line, at);
        Assert.StartsWith("lr_0.parameters.", error.Where, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("max_iter: 0", "0", "0 is out of range: expected an integer in [1, 10000]")]
    [InlineData("max_iter: 10001", "10001", "10001 is out of range")]
    [InlineData("learning_rate: 0", "0", "0 is out of range: expected a number in (0, 10]")]
    [InlineData("learning_rate: 10.5", "10.5", "10.5 is out of range")]
    [InlineData("batch_size: 0", "0", "0 is out of range: expected an integer at least 1, or -1")]
    [InlineData("batch_size: -2", "-2", "-2 is out of range")]
    [InlineData("alpha: -0.1", "-0.1", "-0.1 is out of range: expected a number at least 0")]
    [InlineData("key_bits: 512", "512", "512 is out of range: expected an integer in [1024, 4096]")]
    [InlineData("penalty: l3", "l3", "\"l3\" is not allowed: expected one of none, l1, l2")]
    [InlineData("optimizer: adma", "adma", "did you mean \"adam\"?")]
    [InlineData("init_param: { method: zero }", "zero }", "\"zero\" is not allowed: expected one of zeros, ones, random_uniform")]
    public void A_parameter_out_of_range_names_the_range(string line, string at, string expected)
    {
        var error = AssertOnlyError(LrJob(line), expected, line, at);
        Assert.StartsWith($"lr_0.parameters.{line[..line.IndexOf(':', StringComparison.Ordinal)]}", error.Where, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("batch_size: -1")]
    [InlineData("batch_size: 1")]
    [InlineData("learning_rate: 10")]
    [InlineData("learning_rate: 1e-3")]
    [InlineData("key_bits: 4096")]
    [InlineData("init_param: { method: const, const: 0.5 }")]
    [InlineData("tol: null")]
    public void Values_at_the_edges_of_their_ranges_are_accepted(string line) => Parse(LrJob(line));

    [Theory]
    [InlineData("key_bits: 512", "512", "512 is out of range: expected an integer in [1024, 4096]")]
    [InlineData("method: dh", "dh", "\"dh\" is not allowed: expected one of ecdh, rsa")]
    public void A_psi_method_or_rsa_key_size_out_of_range_fails_at_submit(string line, string at, string expected)
    {
        var yaml = PsiJob(line);
        var error = AssertOnlyError(yaml, expected, line, at);
        Assert.StartsWith("psi_0.parameters.", error.Where, StringComparison.Ordinal);
    }

    [Fact]
    public void Psi_by_rsa_gets_a_2048_bit_key_by_default_and_the_key_size_is_the_same_at_every_party()
    {
        var psi = Parse(PsiJob("method: rsa")).Component("psi_0");
        Assert.All(new[] { 9999, 10000, 10001 }, party => Assert.Equal(2048, psi.ParametersFor(party)["key_bits"]!.GetValue<int>()));

        var yaml = PsiJob("method: rsa\n  parties:\n    host: { key_bits: 1024 }");
        AssertOnlyError(yaml, "\"key_bits\" must be the same at every party", "key_bits: 1024");
    }

    [Fact]
    public void An_unknown_parameter_suggests_the_nearest_known_name()
    {
        var yaml = LrJob("max_itr: 10");
        AssertOnlyError(yaml, "unknown parameter \"max_itr\"; did you mean \"max_iter\"?", "max_itr");
    }

    [Fact]
    public void A_parameter_for_a_component_that_takes_none_is_unknown()
    {
        // Every shipped component now takes some parameter, so a spec of this test's own has none.
        var specs = new ComponentSpecs(ComponentSpecs.Default.Append(new ComponentSpec("count_rows", "test: takes no parameters")
        {
            Inputs = [InputSpec.Data()],
            Outputs = [OutputSpec.Metrics],
        }));
        var yaml = Job($$"""
            {{Reader}}
            - { name: count_0, type: count_rows, inputs: { data: reader_0.data }, parameters: { bins: 10 } }
            """);
        var error = Assert.Single(Assert.Throws<JobFileException>(() => JobFile.Parse(yaml, Source, specs)).Errors);
        AssertError(error, yaml, "unknown parameter \"bins\": there are none to set here", "bins");
    }

    [Fact]
    public void A_common_only_parameter_set_per_role_or_party_is_rejected_where_it_is_set()
    {
        var yaml = LrJob("max_iter: 40\n  parties:\n    host: { max_iter: 5 }\n    10002:\n      key_bits: 1024");
        var errors = Fail(yaml).Errors;
        Assert.Equal(2, errors.Count);
        AssertError(errors[0], yaml, "\"max_iter\" must be the same at every party: set it under parameters, not per role or party", "max_iter: 5");
        Assert.Equal("lr_0.parties.host.max_iter", errors[0].Where);
        AssertError(errors[1], yaml, "\"key_bits\" must be the same at every party", "key_bits: 1024");
        Assert.Equal("lr_0.parties.10002.key_bits", errors[1].Where);
    }

    [Fact]
    public void A_required_parameter_missing_for_one_party_names_that_party()
    {
        var yaml = Job("""
            - name: reader_0
              type: reader
              parties: { 9999: { table: { namespace: demo, name: a } }, 10000: { table: { namespace: demo, name: b } } }
            """);
        AssertOnlyError(yaml, "reader needs parameter \"table\" at every party, and it is not set for host 10001", "name: reader_0");
    }

    [Fact]
    public void A_table_without_a_name_or_with_an_extra_field_points_inside_the_table()
    {
        var yaml = Job(Reader.Replace("name: credit", "schema: x", StringComparison.Ordinal));
        var errors = Fail(yaml).Errors;
        Assert.Equal(2, errors.Count);
        AssertError(errors[0], yaml, "the table has no \"name\"; expected { namespace: ..., name: ... }", "schema", "{ namespace");
        AssertError(errors[1], yaml, "unknown field \"schema\"", "schema", "schema");
    }

    [Fact]
    public void A_list_with_a_non_string_item_points_at_the_item()
    {
        var yaml = Job($$"""
            {{Reader}}
            - { name: transform_0, type: data_transform, inputs: { data: reader_0.data }, parameters: { features: [x0, [x1, x2], x3] } }
            """);
        var error = AssertOnlyError(yaml, "expected a string, found a list", "[x1, x2]");
        Assert.Equal("transform_0.parameters.features[1]", error.Where);
    }

    [Fact]
    public void A_bad_job_setting_is_reported_like_a_parameter()
    {
        var yaml = Job(Reader).Replace("parties:", "job: { timout: 60, seed: -1.5, checkpoint_every: -1 }\nparties:", StringComparison.Ordinal);
        var errors = Fail(yaml).Errors;
        Assert.Equal(3, errors.Count);
        AssertError(errors[0], yaml, "unknown setting \"timout\"; did you mean \"timeout\"?", "timout");
        AssertError(errors[1], yaml, "expected an integer", "-1.5");
        AssertError(errors[2], yaml, "-1 is out of range: expected an integer in [0, 1000000]", "-1 }");
        Assert.Equal("job.checkpoint_every", errors[2].Where);
    }
}
