using System.Text.Json.Nodes;
using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs;

namespace Concord.Flow.Dsl.Parsing;

/// <summary>
/// Works out each party's parameters for one component: a party's own value beats its role's, which beats
/// the common one, which beats the default. Groups such as <c>init_param</c> merge field by field.
/// </summary>
internal static class ParameterResolver
{
    /// <summary>Parameters for every party of the roster that runs the component, in roster order.</summary>
    public static List<(int Party, JsonObject Parameters)> Resolve(RawComponent raw, ComponentSpec spec, PartialRoster roster, ErrorSink errors)
    {
        var resolved = new List<(int Party, JsonObject Parameters)>();
        var unset = new Dictionary<string, List<string>>();
        foreach (var (party, role) in roster.All().Where(p => spec.Roles.Contains(p.Role)))
        {
            ParameterLayer[] layers = [raw.Common, raw.ByRole.GetValueOrDefault(role) ?? new(), raw.ByParty.GetValueOrDefault(party) ?? new()];
            var parameters = new JsonObject();
            foreach (var parameter in spec.Parameters)
            {
                var value = Merge(parameter, layers.Select(l => l.Values.GetValueOrDefault(parameter.Name)));
                if (value is not null)
                {
                    parameters[parameter.Name] = value;
                }
                else if (parameter.IsRequired && raw.Mode?.OptionalParameters.Contains(parameter.Name) != true && !layers.Any(l => l.Invalid.Contains(parameter.Name)))
                {
                    unset.TryAdd(parameter.Name, []);
                    unset[parameter.Name].Add($"{role.ToWire()} {party}");
                }
            }
            resolved.Add((party, parameters));
        }
        foreach (var (name, parties) in unset)
        {
            errors.Add(raw.Node, raw.Where.Dot("parameters"),
                $"{spec.Type} needs parameter \"{name}\" at every party, and it is not set for {string.Join(", ", parties)}: "
                + $"set it under parameters, or per role or party under parties ({spec.Parameter(name)!.Expected})");
        }
        return resolved;
    }

    /// <summary>The highest layer's value (layers run from lowest to highest), else the default; null when neither exists.</summary>
    private static JsonNode? Merge(ParameterSpec parameter, IEnumerable<JsonNode?> layers)
    {
        var set = layers.OfType<JsonNode>().ToList();
        if (parameter.Kind is not ParameterKind.Group)
        {
            return (set.LastOrDefault() ?? parameter.DefaultValue)?.DeepClone();
        }
        var group = new JsonObject();
        foreach (var field in parameter.Fields)
        {
            if (Merge(field, set.Select(g => g[field.Name])) is JsonNode value)
            {
                group[field.Name] = value;
            }
        }
        return group;
    }
}
