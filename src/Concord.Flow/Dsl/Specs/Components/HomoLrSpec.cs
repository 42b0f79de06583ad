using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.HomoLR;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Horizontal logistic regression: the framework's parameters and the local model's.</summary>
internal static class HomoLrSpec
{
    public static ComponentSpec Spec { get; } = HomoSpecs.Spec(
        "homo_lr",
        "logistic regression over horizontally split data (sigmoid for 0/1 labels, softmax for more classes), FedAvg/FedProx with secure aggregation",
        OptionsBinder.Spec<HomoLrOptions>());
}
