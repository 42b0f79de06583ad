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
    /// <summary>The kind as job files and messages write it: data, model, metrics.</summary>
    public static string ToWire(this ArtifactKind kind) => kind.ToString().ToLowerInvariant();
}
