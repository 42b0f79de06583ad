using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.Preprocessing.Union;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Appends two to four tables of one schema at each party.</summary>
internal static class UnionSpec
{
    /// <summary>The input slots, in the order their rows are appended; the first two are required.</summary>
    public static readonly string[] Slots = ["data_0", "data_1", "data_2", "data_3"];

    public static ComponentSpec Spec { get; } = new("union", "appends two to four tables of the same schema, in input order, dropping or renaming repeated ids")
    {
        Inputs = [.. Slots.Select((slot, k) => InputSpec.Data(slot, required: k < 2))],
        Outputs = [OutputSpec.Data, OutputSpec.Metrics],
        Parameters = OptionsBinder.Spec<UnionOptions>(),
    };
}
