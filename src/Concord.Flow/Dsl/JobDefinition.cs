using Concord.Flow.Control;

namespace Concord.Flow.Dsl;

/// <summary>
/// A job file that passed every check: its settings, its parties, and its components in an order where
/// each follows everything it reads from. Immutable; parameters are handed out as copies.
/// </summary>
public sealed class JobDefinition
{
    private readonly Dictionary<string, JobComponent> _byName;

    internal JobDefinition(string source, JobSettings settings, RosterSpec roster, IReadOnlyList<JobComponent> components)
    {
        Source = source;
        Settings = settings;
        Roster = roster;
        Components = components;
        _byName = components.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>The file (or name) the job was read from.</summary>
    public string Source { get; }

    public JobSettings Settings { get; }

    public RosterSpec Roster { get; }

    /// <summary>The line and column where the file names each party of <see cref="Roster"/>.</summary>
    public IReadOnlyDictionary<int, (int Line, int Column)> PartyMarks { get; internal init; } = new Dictionary<int, (int, int)>();

    /// <summary>Every component, each after all of its producers; ties keep the file's order.</summary>
    public IReadOnlyList<JobComponent> Components { get; }

    public JobComponent Component(string name) => _byName.TryGetValue(name, out var component)
        ? component
        : throw new ArgumentException($"job {Settings.Name} has no component \"{name}\"{NearestName.Hint(name, _byName.Keys)}; it has {string.Join(", ", _byName.Keys)}");

    /// <summary>The components <paramref name="component"/> reads from directly.</summary>
    public IReadOnlyList<JobComponent> Dependencies(string component) => [.. Component(component).Producers.Select(Component)];

    /// <summary>The components that read from <paramref name="component"/> directly.</summary>
    public IReadOnlyList<JobComponent> Dependents(string component)
    {
        var name = Component(component).Name;
        return [.. Components.Where(c => c.Producers.Contains(name))];
    }

    /// <summary>
    /// <paramref name="component"/> and everything downstream of it, in order: what a rerun from that
    /// component has to run again.
    /// </summary>
    public IReadOnlyList<JobComponent> From(string component)
    {
        var rerun = new HashSet<string> { Component(component).Name };
        foreach (var c in Components)
        {
            if (c.Producers.Any(rerun.Contains))
            {
                rerun.Add(c.Name);
            }
        }
        return [.. Components.Where(c => rerun.Contains(c.Name))];
    }

    /// <summary>
    /// The components in waves: each wave reads only from earlier waves, so a wave's components may run
    /// concurrently once the waves before it are done.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<JobComponent>> Layers()
    {
        var depth = new Dictionary<string, int>();
        foreach (var c in Components)
        {
            depth[c.Name] = c.Producers.Select(p => depth[p] + 1).DefaultIfEmpty(0).Max();
        }
        return [.. Components.GroupBy(c => depth[c.Name]).OrderBy(g => g.Key).Select(g => (IReadOnlyList<JobComponent>)[.. g])];
    }

    /// <summary>
    /// The components not in <paramref name="completed"/> whose producers all are: what may start now.
    /// The caller leaves out those it has already started.
    /// </summary>
    public IReadOnlyList<JobComponent> ReadyAfter(IEnumerable<string> completed)
    {
        var done = completed.ToHashSet(StringComparer.Ordinal);
        var unknown = done.Where(n => !_byName.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"job {Settings.Name} has no component {string.Join(", ", unknown.Select(n => $"\"{n}\""))}");
        }
        return [.. Components.Where(c => !done.Contains(c.Name) && c.Producers.All(done.Contains))];
    }
}
