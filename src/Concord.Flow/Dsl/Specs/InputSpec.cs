namespace Concord.Flow.Dsl.Specs;

/// <summary>A named input slot of a component, and the kind of output it accepts.</summary>
public sealed record InputSpec(string Name, ArtifactKind Accepts, bool Required)
{
    public static InputSpec Data(string name = "data", bool required = true) => new(name, ArtifactKind.Data, required);

    public static InputSpec Model(string name = "model", bool required = true) => new(name, ArtifactKind.Model, required);
}
