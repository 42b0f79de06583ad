namespace Concord.Flow.Dsl.Specs;

/// <summary>One item type of a <see cref="ParameterKind.TypedList"/>, such as a <c>dense</c> layer with its <c>units</c>.</summary>
public sealed record ParameterVariant(string Type, IReadOnlyList<ParameterSpec> Fields)
{
    public ParameterSpec? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
