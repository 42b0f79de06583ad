using System.Text.Json.Nodes;
using Concord.Data;
using Concord.Flow.Dsl;
using Concord.Flow.Dsl.Specs;

namespace Concord.Flow.Governance;

/// <summary>
/// Which of a party's own tables each component of a job touches there: a table named in its parameters
/// (a reader's), and every table upstream of its inputs at the same party, since a PSI or a model trained on a
/// reader's output uses that table's rows as surely as the reader does.
/// </summary>
public static class TableUse
{
    /// <summary>For each component that runs at <paramref name="party"/>, in job order, the tables it touches there.</summary>
    public static IReadOnlyList<(JobComponent Component, IReadOnlySet<TableName> Tables)> At(JobDefinition job, int party)
    {
        var touched = new Dictionary<string, HashSet<TableName>>(StringComparer.Ordinal);
        HashSet<TableName> Of(JobComponent component)
        {
            if (touched.TryGetValue(component.Name, out var known))
            {
                return known;
            }
            var tables = new HashSet<TableName>(Named(component, party));
            foreach (var producer in component.Producers.Select(job.Component).Where(p => p.Parties.Contains(party)))
            {
                tables.UnionWith(Of(producer));
            }
            touched[component.Name] = tables;
            return tables;
        }
        return [.. job.Components.Where(c => c.Parties.Contains(party)).Select(c => (c, (IReadOnlySet<TableName>)Of(c)))];
    }

    /// <summary>Whether the component loads a table named in its parameters (a reader) rather than using upstream data.</summary>
    public static bool Loads(JobComponent component) => component.Spec.Parameters.Any(p => p.Kind == ParameterKind.Table);

    private static IEnumerable<TableName> Named(JobComponent component, int party)
    {
        var parameters = component.ParametersFor(party);
        foreach (var spec in component.Spec.Parameters.Where(p => p.Kind == ParameterKind.Table))
        {
            if (parameters[spec.Name] is JsonObject table
                && table["namespace"]?.GetValue<string>() is string ns
                && table["name"]?.GetValue<string>() is string name)
            {
                yield return new TableName(ns, name);
            }
        }
    }
}
