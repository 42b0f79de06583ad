namespace Concord.Flow.Dsl.Specs;

/// <summary>What a component output holds, and so which inputs it may feed.</summary>
public enum ArtifactKind
{
    Data,
    Model,
    Metrics,
}

public static class ArtifactKinds
{
    public static string ToWire(this ArtifactKind kind) => kind switch
    {
        ArtifactKind.Data => "data",
        ArtifactKind.Model => "model",
        ArtifactKind.Metrics => "metrics",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
