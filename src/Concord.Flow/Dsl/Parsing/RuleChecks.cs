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
        foreach (var component in components.Where(c => c.Spec.Rules.Count + c.Spec.InputRules.Count > 0 && c.Parties.Count > 0))
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
        }
    }
}
