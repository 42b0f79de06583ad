using System.Text.Json.Nodes;
using Concord.Flow.Dsl.Specs;

namespace Concord.Flow.Dsl;

/// <summary>
/// One component of a validated job: what it is, what feeds it, which parties run it, and each party's
/// parameters after per-party, per-role and common values and defaults have been merged.
/// </summary>
public sealed class JobComponent
{
    private readonly IReadOnlyDictionary<int, JsonObject> _parameters;

    internal JobComponent(string name, ComponentSpec spec, IReadOnlyList<ComponentInput> inputs, IReadOnlyList<(int Party, JsonObject Parameters)> parameters, int line)
    {
        Name = name;
        Spec = spec;
        Inputs = inputs;
        _parameters = parameters.ToDictionary(p => p.Party, p => p.Parameters);
        Parties = [.. parameters.Select(p => p.Party)];
        Line = line;
    }

    public string Name { get; }

    public string Type => Spec.Type;

    public ComponentSpec Spec { get; }

    public IReadOnlyList<ComponentInput> Inputs { get; }

    /// <summary>The party ids that run this component, guest first, then hosts, then the arbiter.</summary>
    public IReadOnlyList<int> Parties { get; }

    /// <summary>The line of the job file where the component is defined, for messages about it later.</summary>
    public int Line { get; }

    /// <summary>The producers this component reads from, each once.</summary>
    public IEnumerable<string> Producers => Inputs.Select(i => i.Producer).Distinct();

    /// <summary>A fresh copy of <paramref name="party"/>'s resolved parameters, ready to go into its task unchanged.</summary>
    public JsonObject ParametersFor(int party) => _parameters.TryGetValue(party, out var parameters)
        ? (JsonObject)parameters.DeepClone()
        : throw new ArgumentException($"party {party} does not run {Name} ({Type}); it runs at {string.Join(", ", Parties)}");

    public override string ToString() => $"{Name} ({Type})";
}
