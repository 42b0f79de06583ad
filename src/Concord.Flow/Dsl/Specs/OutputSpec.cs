namespace Concord.Flow.Dsl.Specs;

/// <summary>A named output of a component; other components name it as <c>component.output</c>.</summary>
public sealed record OutputSpec(string Name, ArtifactKind Kind)
{
    public static OutputSpec Data { get; } = new("data", ArtifactKind.Data);

    public static OutputSpec Model { get; } = new("model", ArtifactKind.Model);

    public static OutputSpec Metrics { get; } = new("metrics", ArtifactKind.Metrics);
}
