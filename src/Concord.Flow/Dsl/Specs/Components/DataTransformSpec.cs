using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.DataTransform;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Label and feature selection, type casting and missing-value fill on each party's own table.</summary>
internal static class DataTransformSpec
{
    public static ComponentSpec Spec { get; } = new("data_transform", "selects the label and features, casts types and fills missing values")
    {
        // With input_model (a model_loader's output) the fitted state of a training job is applied, not refitted.
        Inputs = [InputSpec.Data(), InputSpec.Model("input_model", required: false)],
        Outputs = [OutputSpec.Data, OutputSpec.Model],
        Parameters =
        [
            // Hosts in vertical learning have no label, so the label and the features are a party's own business; the
            // component, not the options, knows that only the guest's label_name counts.
            Param.String("label_name").Default("y").PerParty().Describe("the label column, where the party has one"),
            .. OptionsBinder.Spec<DataTransformOptions>(),
        ],
    };
}
