using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.Preprocessing.LabelTransform;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Labels to the numbers a model trains on; each party with labels encodes its own (the guest in a vertical job).</summary>
internal static class LabelTransformSpec
{
    public static ComponentSpec Spec { get; } = new("label_transform", "replaces each label (a word such as yes/no, or a number) by the number label_encoder gives it, or by its position among the sorted labels; outputs keep the words to show them again")
    {
        // With input_model (a model_loader's output) the fitted encoder of a training job is applied, not refitted.
        Inputs = [InputSpec.Data(), InputSpec.Model("input_model", required: false)],
        Outputs = [OutputSpec.Data, OutputSpec.Model],
        Parameters = OptionsBinder.Spec<LabelTransformOptions>(),
        // Each party's own encoder, as it resolved: label_encoder and label_list may differ by party.
        PartyRules =
        [
            (p, _) => LabelTransformer.Conflict(OptionsBinder.Bind<LabelTransformOptions>(p, Spec)) is { } conflict
                ? new RuleViolation(conflict.StartsWith("label_list", StringComparison.Ordinal) ? "label_list" : "label_encoder", conflict)
                : null,
        ],
    };
}
