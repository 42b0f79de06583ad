using Concord.Flow.Dsl.Specs;

namespace Concord.Flow.Components;

/// <summary>
/// The component types a node can run, each with the spec its job files are validated against. A type the
/// node runs but no spec describes could never be named in a valid job, so that is refused up front.
/// </summary>
public sealed class ComponentCatalog
{
    private readonly Dictionary<string, IFederatedComponent> _byType;

    public ComponentCatalog(IEnumerable<IFederatedComponent> components, ComponentSpecs? specs = null)
    {
        _byType = components.ToDictionary(c => c.Type, StringComparer.Ordinal);
        Specs = specs ?? ComponentSpecs.Default;
        var undescribed = _byType.Keys.Where(type => Specs.Find(type) is null).ToList();
        if (undescribed.Count > 0)
        {
            throw new ArgumentException($"no component spec describes {string.Join(", ", undescribed)}");
        }
    }

    public ComponentSpecs Specs { get; }

    public IFederatedComponent Get(string type) => _byType.TryGetValue(type, out var component)
        ? component
        : throw new ArgumentException($"this node cannot run component type \"{type}\"; it runs: {string.Join(", ", _byType.Keys.Order())}");

    public IEnumerable<string> Types => _byType.Keys;
}
