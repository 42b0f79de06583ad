using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs;
using YamlDotNet.RepresentationModel;

namespace Concord.Flow.Dsl.Parsing;

/// <summary>An input as written, <c>slot: producer.output</c>, not yet checked against the producer.</summary>
internal sealed record RawInput(string Slot, string Producer, string Output, YamlNode Node, string Where);

/// <summary>One entry of <c>components</c> as read, with whatever parts of it were readable.</summary>
internal sealed class RawComponent(int index, YamlMappingNode node)
{
    public int Index => index;

    public YamlMappingNode Node => node;

    public string? Name { get; set; }

    /// <summary>False for a second component of the same name: it is reported, and left out of the graph.</summary>
    public bool IsFirstOfName { get; set; } = true;

    public ComponentSpec? Spec { get; set; }

    public YamlNode? TypeNode { get; set; }

    /// <summary>How messages name this component: by name once known.</summary>
    public string Where => Name ?? $"components[{index}]";

    public List<RawInput> Inputs { get; } = [];

    /// <summary>The mode its inputs chose, for a component with modes whose inputs chose exactly one.</summary>
    public InputMode? Mode { get; set; }

    public ParameterLayer Common { get; set; } = new();

    public Dictionary<Role, ParameterLayer> ByRole { get; } = [];

    public Dictionary<int, ParameterLayer> ByParty { get; } = [];
}
