namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>
/// The inputs of a model component in FATE's shape: it trains from train_data (with validate_data and a
/// warm_start_model if given), or predicts from test_data with an input_model that a model_loader reads.
/// </summary>
internal static class ModelInputs
{
    public static IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Data("train_data", required: false), InputSpec.Data("validate_data", required: false), InputSpec.Model("warm_start_model", required: false),
        InputSpec.Data("test_data", required: false), InputSpec.Model("input_model", required: false),
    ];

    public static IReadOnlyList<InputMode> Modes { get; } = [new("train", ["train_data"]), new("predict", ["test_data", "input_model"])];
}
