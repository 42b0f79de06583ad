namespace Concord.Flow.Dsl.Specs;

/// <summary>A named input slot of a component, and the kind of output it accepts.</summary>
public sealed record InputSpec(string Name, ArtifactKind Accepts, bool Required)
{
    public static InputSpec Data(string name = "data", bool required = true) => new(name, ArtifactKind.Data, required);

    public static InputSpec Model(string name = "model", bool required = true) => new(name, ArtifactKind.Model, required);
}

/// <summary>
/// One way to run a component that has several, such as FATE's train (train_data) and predict (test_data with
/// input_model): the first input chooses the mode, and the mode needs all of its inputs.
/// </summary>
public sealed record InputMode(string Name, IReadOnlyList<string> Inputs)
{
    public string Chooser => Inputs[0];

    /// <summary>Required parameters this mode does without, such as homo_nn's layers when it predicts: the loaded model brings its own.</summary>
    public IReadOnlyList<string> OptionalParameters { get; init; } = [];
}
