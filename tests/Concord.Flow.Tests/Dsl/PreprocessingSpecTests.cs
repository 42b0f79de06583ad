using static Concord.Flow.Tests.Dsl.JobYaml;

namespace Concord.Flow.Tests.Dsl;

/// <summary>The preprocessing components in job files: their outputs link, and what the file alone shows wrong is refused at its line.</summary>
public sealed class PreprocessingSpecTests
{
    private static string SplitJob(string parameterLines) => Job($$"""
        {{Reader}}
        - name: split_0
          type: data_split
          inputs: { data: reader_0.data }
          parameters:
            {{parameterLines}}
        - name: scale_0
          type: feature_scale
          inputs: { data: split_0.train_output_data }
        - name: scale_1
          type: feature_scale
          inputs: { data: split_0.test_output_data, input_model: scale_0.model }
        """);

    [Fact]
    public void Split_outputs_feed_a_scale_and_its_replay()
    {
        var job = Parse(SplitJob("{ train_size: 0.6, validate_size: 0.2, test_size: 0.2, stratified: true }"));
        Assert.Equal("train_output_data", Assert.Single(job.Component("scale_0").Inputs).Output);
        var p = job.Component("split_0").ParametersFor(9999);
        Assert.Equal(0.6, p["train_size"]!.GetValue<double>());
        Assert.True(p["hetero_sync"]!.GetValue<bool>());
        Assert.Equal("standard", job.Component("scale_0").ParametersFor(10000)["method"]!.GetValue<string>());
    }

    [Fact]
    public void Fractions_that_do_not_add_up_to_one_are_refused_at_the_last_size()
    {
        var yaml = SplitJob("{ train_size: 0.6, validate_size: 0.2, test_size: 0.1 }");
        var error = SingleError(yaml);
        Assert.Equal("split_0.parameters.test_size", error.Where);
        Assert.Contains("the fractions train_size 0.6 + validate_size 0.2 + test_size 0.1 add up to 0.9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fractional_count_and_a_negative_size_are_refused()
    {
        Assert.Contains("train_size is 10.5: with a size above 1 every size is a count of rows, so it must be a whole number",
            SingleError(SplitJob("{ train_size: 10.5 }")).Message, StringComparison.Ordinal);
        Assert.Equal("split_0.parameters.validate_size", SingleError(SplitJob("{ validate_size: -0.1 }")).Where);
        Assert.Contains("did you mean \"stratified\"", SingleError(SplitJob("{ stratifed: true }")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_min_max_range_that_is_empty_is_refused()
    {
        var yaml = Job($$"""
            {{Reader}}
            - name: scale_0
              type: feature_scale
              inputs: { data: reader_0.data }
              parameters: { method: min_max, feature_range: { min: 2, max: 1 } }
            """);
        var error = SingleError(yaml);
        Assert.Contains("feature_range: min 2 is not below max 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"zscore\" is not allowed", SingleError(yaml.Replace("min_max", "zscore", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
    }

    private static string Single(string type, string parameters, string inputs = "data: reader_0.data") => Job($$"""
        {{Reader}}
        - name: c_0
          type: {{type}}
          inputs: { {{inputs}} }
          parameters: {{parameters}}
        """);

    [Fact]
    public void Union_takes_two_to_four_tables_and_needs_two()
    {
        var job = Parse(Single("union", "{ keep_duplicate: true }", "data_0: reader_0.data, data_1: reader_0.data, data_2: reader_0.data"));
        Assert.Equal(["data_0", "data_1", "data_2"], job.Component("c_0").Inputs.Select(i => i.Slot));
        Assert.Contains("data_1", SingleError(Single("union", "{}", "data_0: reader_0.data")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_options_the_file_shows_wrong_are_refused_at_their_parameter()
    {
        Assert.Equal("c_0.parameters.replace", SingleError(Single("sample", "{ frac: 2.0 }")).Where);
        Assert.Equal("c_0.parameters.n", SingleError(Single("sample", "{ frac: 0.5, n: 10 }")).Where);
        var smote = SingleError(Single("sample", "{ method: smote, label_frac: [\"1:2\"] }"));
        Assert.Contains("smote makes rows from features, which a vertical job's parties hold apart", smote.Message, StringComparison.Ordinal);
        Parse(Single("sample", "{ method: smote, label_frac: [\"1:2\"], hetero_sync: false }"));
        Parse(Single("sample", "{ label_frac: [\"0:0.5\", \"1:2\"], replace: true }"));
    }

    [Fact]
    public void Imputation_and_one_hot_take_their_fate_parameters_per_party()
    {
        var job = Parse(Job($$"""
            {{Reader}}
            - name: impute_0
              type: feature_imputation
              inputs: { data: reader_0.data }
              parameters: { missing_fill_method: mean, col_missing_fill_method: ["x1:median"] }
              parties:
                host: { missing_fill_method: designated, designated_fill_value: -1 }
            - name: onehot_0
              type: one_hot_encoder
              inputs: { data: impute_0.data }
              parameters: { encode_col: [x3], handle_unknown: ignore }
            """));
        Assert.Equal("mean", job.Component("impute_0").ParametersFor(9999)["missing_fill_method"]!.GetValue<string>());
        Assert.Equal("designated", job.Component("impute_0").ParametersFor(10000)["missing_fill_method"]!.GetValue<string>());
        Assert.Contains("\"average\" is not allowed", SingleError(Single("feature_imputation", "{ missing_fill_method: average }")).Message, StringComparison.Ordinal);
    }
}
