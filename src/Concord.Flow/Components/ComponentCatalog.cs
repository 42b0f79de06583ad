namespace Concord.Flow.Components;

/// <summary>The component types a node can run, by their DSL name.</summary>
public sealed class ComponentCatalog(IEnumerable<IFederatedComponent> components)
{
    private readonly Dictionary<string, IFederatedComponent> _byType = components.ToDictionary(c => c.Type, StringComparer.OrdinalIgnoreCase);

    public IFederatedComponent Get(string type) => _byType.TryGetValue(type, out var component)
        ? component
        : throw new ArgumentException($"unknown component type \"{type}\"; this node runs: {string.Join(", ", _byType.Keys.Order())}");

    public IEnumerable<string> Types => _byType.Keys;
}
