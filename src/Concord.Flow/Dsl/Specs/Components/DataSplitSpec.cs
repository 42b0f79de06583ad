using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.Preprocessing.DataSplit;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Splits each party's rows into train, validate and test sets, the same ids in the same set at every party.</summary>
internal static class DataSplitSpec
{
    public const string Train = "train_output_data";
    public const string Validate = "validate_output_data";
    public const string Test = "test_output_data";

    public static ComponentSpec Spec { get; } = new("data_split", "splits rows into train, validate and test sets by fraction or count, optionally stratified by label")
    {
        Inputs = [InputSpec.Data()],
        Outputs = [new(Train, ArtifactKind.Data), new(Validate, ArtifactKind.Data), new(Test, ArtifactKind.Data), OutputSpec.Metrics],
        Parameters = OptionsBinder.Spec<DataSplitOptions>(),
        // New rows to score are all to be scored: a deployed pipeline feeds every one of them on.
        TrainingOnly = true,
        // The sizes alone can be wrong (fractions that do not add up to 1); only counts against the rows must wait for the run.
        Rules = [(p, _) => SplitSizes.Problem(OptionsBinder.Bind<DataSplitOptions>(p, Spec)) is var (name, message) ? new RuleViolation(name, message) : null],
    };
}
