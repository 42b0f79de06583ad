using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.Preprocessing.OneHot;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>One-hot encoding of each party's own category columns.</summary>
internal static class OneHotSpec
{
    public static ComponentSpec Spec { get; } = new("one_hot_encoder", "replaces each chosen column by one 0/1 column per category seen in training; an unseen category is refused or, with handle_unknown ignore, all zeros")
    {
        Inputs = [InputSpec.Data(), InputSpec.Model("input_model", required: false)],
        Outputs = [OutputSpec.Data, OutputSpec.Model],
        Parameters = OptionsBinder.Spec<OneHotOptions>(),
    };
}
