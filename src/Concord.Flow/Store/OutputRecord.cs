using System.Text.Json.Nodes;

namespace Concord.Flow.Store;

/// <summary>The kinds of output a component hands to the components after it.</summary>
public enum OutputSlot
{
    Data,
    Model,
}

/// <summary>Where one party's output of a component is: a table name, a model id and version, or whatever the component wrote.</summary>
public sealed record OutputRecord(TaskKey Task, OutputSlot Slot, JsonNode Reference);
