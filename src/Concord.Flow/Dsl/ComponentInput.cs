using Concord.Flow.Dsl.Specs;

namespace Concord.Flow.Dsl;

/// <summary>One input of a component: its slot, fed by <paramref name="Producer"/>'s output <paramref name="Output"/>.</summary>
public sealed record ComponentInput(string Slot, string Producer, string Output, ArtifactKind Kind)
{
    public override string ToString() => $"{Slot} <- {Producer}.{Output}";
}
