using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.FeatureBinning;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>FATE's HeteroFeatureBinning: each party bins its own columns; WOE and IV come from the guest's labels.</summary>
internal static class FeatureBinningSpec
{
    public static ComponentSpec Spec { get; } = new("hetero_feature_binning", "bins each party's columns and computes WOE and IV against the guest's label (hosts' bins by Paillier sums)")
    {
        NumericLabels = true,
        // With input_model (a model_loader's output) the fitted cut points and WOEs are replayed, not refitted.
        Inputs = [InputSpec.Data(), InputSpec.Model("input_model", required: false)],
        Outputs = [OutputSpec.Data, OutputSpec.Model, OutputSpec.Metrics],
        Parameters = OptionsBinder.Spec<FeatureBinningOptions>(),
        // What the run would refuse once it had binned, said at submit time: the job file alone shows it.
        PartyRules =
        [
            (p, role) => role != Role.Guest && OptionsBinder.Bind<FeatureBinningOptions>(p, Spec).Method == BinningMethod.Optimal
                ? new RuleViolation("method", "method optimal needs the labels, which only the guest holds; use quantile or bucket at a host")
                : null,
            (p, _) => OptionsBinder.Bind<FeatureBinningOptions>(p, Spec) is { TransformMethod: TransformMethod.Woe, MultiClass: true }
                ? new RuleViolation("transform_method", "transform_method woe needs a binary label, and multi_class has a WOE per class; use bin_idx or none")
                : null,
            (p, _) => OptionsBinder.Bind<FeatureBinningOptions>(p, Spec) is { Columns: { } columns, TransformColumns: { } transformed }
                && transformed.Where(c => !columns.Contains(c)).ToList() is { Count: > 0 } outside
                ? new RuleViolation("transform_columns", $"transform_columns {string.Join(", ", outside)} {(outside.Count == 1 ? "is" : "are")} not among the binned columns ({string.Join(", ", columns)})")
                : null,
        ],
    };
}
