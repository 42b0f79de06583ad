using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs;
using YamlDotNet.RepresentationModel;

namespace Concord.Flow.Dsl.Parsing;

/// <summary>Runs each component's <see cref="ComponentSpec.Rules"/> on its resolved parameters, once everything else has passed.</summary>
internal static class RuleChecks
{
    public static void Run(IReadOnlyList<RawComponent> raw, IReadOnlyList<JobComponent> components, PartialRoster roster, ErrorSink errors)
    {
        var parties = new JobParties(roster.Hosts.Count, roster.Has(Role.Arbiter));
        foreach (var component in components.Where(c => c.Spec.Rules.Count + c.Spec.InputRules.Count + c.Spec.PartyRules.Count > 0 && c.Parties.Count > 0))
        {
            var source = raw.First(r => r.Name == component.Name);
            // Rules read shared parameters, which are the same at every party; a per-party one is read at the first.
            var parameters = component.ParametersFor(component.Parties[0]);
            var inputs = component.Inputs.Select(i => i.Slot).ToHashSet(StringComparer.Ordinal);
            var violations = component.Spec.Rules.Select(rule => rule(parameters, parties))
                .Concat(component.Spec.InputRules.Select(rule => rule(parameters, inputs)));
            foreach (var found in violations)
            {
                if (found is RuleViolation violation)
                {
                    var node = (source.Node.Get("parameters") as YamlMappingNode)?.KeyNode(violation.Parameter) ?? source.TypeNode ?? source.Node;
                    errors.Add(node, source.Where.Dot("parameters").Dot(violation.Parameter), violation.Message);
                }
            }
            // A value shared by several parties that none of them may have is one error naming them all.
            var partyViolations =
                from party in component.Parties
                let role = roster.RoleOf(party)!.Value
                let own = component.ParametersFor(party)
                from found in component.Spec.PartyRules.Select(rule => rule(own, role))
                where found is not null
                let setAt = SetAt(source, party, role, found.Parameter)
                group $"party {party} ({role.ToWire()})" by (setAt.Node, setAt.Where, found.Message);
            foreach (var violation in partyViolations)
            {
                errors.Add(violation.Key.Node, violation.Key.Where, $"{string.Join(", ", violation)}: {violation.Key.Message}");
            }
        }
    }

    /// <summary>Where the party's value of a parameter comes from: its own section, its role's, the shared parameters, or (a default) the component's type.</summary>
    private static (YamlNode Node, string Where) SetAt(RawComponent source, int party, Role role, string parameter)
    {
        if (source.Node.Get("parties") is YamlMappingNode sections)
        {
            foreach (var key in new[] { $"{party}", role.ToWire() })
            {
                if ((sections.Get(key) as YamlMappingNode)?.KeyNode(parameter) is YamlNode node)
                {
                    return (node, source.Where.Dot("parties").Dot(key).Dot(parameter));
                }
            }
        }
        return (source.Node.Get("parameters") as YamlMappingNode)?.KeyNode(parameter) is YamlNode shared
            ? (shared, source.Where.Dot("parameters").Dot(parameter))
            : (source.TypeNode ?? source.Node, source.Where.Dot("parameters").Dot(parameter));
    }
}
