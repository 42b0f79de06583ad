using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.Preprocessing.LabelTransform;
using static Concord.Flow.Tests.Dsl.JobYaml;

namespace Concord.Flow.Tests.Dsl;

/// <summary>label_transform in a job file: label_encoder as a mapping of labels to integers, and what is refused at submission.</summary>
public sealed class LabelTransformSpecTests
{
    private static string Transform(string parameters, string parties = "") => Job($$"""
        {{Reader}}
        - name: label_0
          type: label_transform
          inputs: { data: reader_0.data }
          parameters: {{parameters}}
        {{parties}}
        """);

    [Fact]
    public void Label_encoder_is_a_mapping_of_labels_to_integers_that_a_party_may_set_for_itself()
    {
        var job = Parse(Transform("{ label_encoder: { \"yes\": 1, \"no\": 0 } }", """
              parties:
                host: { label_encoder: { good: 0, bad: 1 }, label_list: [good, bad] }
            """));

        var guest = OptionsBinder.Bind<LabelTransformOptions>(job.Component("label_0").ParametersFor(9999), LabelTransformSpec.Spec);
        var host = OptionsBinder.Bind<LabelTransformOptions>(job.Component("label_0").ParametersFor(10000), LabelTransformSpec.Spec);

        Assert.Equal(new Dictionary<string, int> { ["yes"] = 1, ["no"] = 0 }, guest.LabelEncoder);
        Assert.Equal(new Dictionary<string, int> { ["good"] = 0, ["bad"] = 1 }, host.LabelEncoder);
        Assert.Equal(["good", "bad"], host.LabelList!);
    }

    [Fact]
    public void An_encoder_that_gives_two_labels_one_number_is_refused_at_submission()
    {
        var error = SingleError(Transform("{ label_encoder: { \"yes\": 1, \"no\": 1 } }"));

        Assert.Equal("label_0.parameters.label_encoder", error.Where);
        Assert.Contains("label_encoder maps both \"yes\" and \"no\" to 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_party_s_own_encoder_is_checked_too()
    {
        var error = SingleError(Transform("{}", """
              parties:
                host: { label_encoder: { good: 0, bad: 0 } }
            """));

        Assert.Contains("label_encoder maps both \"good\" and \"bad\" to 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_list_that_differs_from_the_encoder_is_refused_at_submission()
    {
        var error = SingleError(Transform("{ label_encoder: { \"yes\": 1, \"no\": 0 }, label_list: [\"yes\"] }"));

        Assert.Equal("label_0.parameters.label_list", error.Where);
    }

    [Theory]
    [InlineData("{ label_encoder: { \"yes\": 1.5 } }", "label_0.parameters.label_encoder.yes", "expected an integer, found")]
    [InlineData("{ label_encoder: [\"yes\", \"no\"] }", "label_0.parameters.label_encoder", "expected a mapping of strings to integers")]
    public void A_label_encoder_of_the_wrong_shape_is_refused_where_it_is(string parameters, string where, string expected)
    {
        var error = SingleError(Transform(parameters));

        Assert.Equal(where, error.Where);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
