using Concord.Flow.Dsl.Specs;

namespace Concord.Flow.Dsl.Parsing;

/// <summary>
/// Checks each input against the component it names: that it exists, has that output, and that the output
/// is the kind the slot takes. Then orders the graph and reports any cycle.
/// </summary>
internal sealed class InputLinker(IReadOnlyList<RawComponent> components, ErrorSink errors)
{
    private readonly Dictionary<string, RawComponent> _byName = components
        .Where(c => c.Name is not null && c.IsFirstOfName)
        .ToDictionary(c => c.Name!, StringComparer.Ordinal);

    /// <summary>The named components in topological order; those on or behind a cycle are left out, and the cycle reported.</summary>
    public IReadOnlyList<RawComponent> Link()
    {
        foreach (var component in components)
        {
            foreach (var input in component.Inputs)
            {
                Check(component, input);
            }
        }
        var nodes = _byName.Values.OrderBy(c => c.Index).ToList();
        var index = nodes.Select((c, i) => (c.Name!, i)).ToDictionary(p => p.Item1, p => p.i, StringComparer.Ordinal);
        var producers = nodes.Select(c => (IReadOnlyList<int>)[.. c.Inputs.Where(i => index.ContainsKey(i.Producer)).Select(i => index[i.Producer])]).ToList();
        var (order, cycles) = DagOrder.Sort(producers);
        foreach (var cycle in cycles)
        {
            var start = nodes[cycle[0]];
            var closing = start.Inputs.First(i => i.Producer == nodes[cycle[^1]].Name);
            var path = string.Join(" → ", cycle.Append(cycle[0]).Select(n => nodes[n].Name));
            errors.Add(closing.Node, closing.Where, $"the components form a cycle: {path} (each feeds the next); a job must be a DAG");
        }
        return [.. order.Select(i => nodes[i])];
    }

    private void Check(RawComponent consumer, RawInput input)
    {
        if (!_byName.TryGetValue(input.Producer, out var producer))
        {
            errors.Add(input.Node, input.Where, $"no component is named \"{input.Producer}\"{NearestName.Hint(input.Producer, _byName.Keys)}; components: {string.Join(", ", _byName.Keys)}");
            return;
        }
        if (producer.Spec is null)
        {
            // Its unknown type is reported already, and nothing is known of its outputs.
            return;
        }
        if (producer.Spec.Output(input.Output) is not OutputSpec output)
        {
            var outputs = producer.Spec.Outputs.Select(o => o.Name).ToList();
            errors.Add(input.Node, input.Where, $"{producer.Name} ({producer.Spec.Type}) has no output \"{input.Output}\"{NearestName.Hint(input.Output, outputs)}; its outputs: {string.Join(", ", outputs)}");
            return;
        }
        if (consumer.Spec?.Input(input.Slot) is InputSpec slot && slot.Accepts != output.Kind)
        {
            errors.Add(input.Node, input.Where, $"input \"{input.Slot}\" takes {Article(slot.Accepts)}, but {producer.Name}.{output.Name} is {Article(output.Kind)}");
        }
    }

    private static string Article(ArtifactKind kind) => kind switch
    {
        ArtifactKind.Model => "a model",
        ArtifactKind.Data => "data",
        _ => kind.ToWire(),
    };
}
