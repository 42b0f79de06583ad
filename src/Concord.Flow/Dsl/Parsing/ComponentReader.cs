using System.Globalization;
using System.Text.RegularExpressions;
using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs;
using YamlDotNet.RepresentationModel;

namespace Concord.Flow.Dsl.Parsing;

/// <summary>Reads each entry of <c>components</c>: its name, type, inputs and parameter sections.</summary>
internal sealed partial class ComponentReader(ComponentSpecs specs, PartialRoster roster, ValueReader values, ErrorSink errors)
{
    private static readonly string[] Fields = ["name", "type", "inputs", "parameters", "parties"];
    private static readonly string[] RoleWords = ["guest", "host", "arbiter"];

    public List<RawComponent> Read(YamlMappingNode root)
    {
        var node = root.Get("components");
        if (node is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            errors.Add(node ?? root, "components", node is YamlSequenceNode
                ? "the job has no components; expected a list of them (- name: ..., type: ...)"
                : $"expected a list of components (- name: ..., type: ...), found {node?.Describe() ?? "nothing"}");
            return [];
        }
        var components = new List<RawComponent>();
        var firstByName = new Dictionary<string, RawComponent>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (list.Children[i] is not YamlMappingNode mapping)
            {
                errors.Add(list.Children[i], $"components[{i}]", $"expected a component (name: ..., type: ...), found {list.Children[i].Describe()}");
                continue;
            }
            var raw = new RawComponent(i, mapping);
            ReadName(raw, firstByName);
            mapping.RejectUnknownKeys(raw.Where, Fields, errors);
            ReadType(raw);
            ReadInputs(raw);
            if (raw.Spec is not null)
            {
                raw.Common = ParameterLayer.Read(mapping.Get("parameters"), raw.Spec.Parameters, raw.Where.Dot("parameters"), perParty: false, values, errors);
                ReadPartySections(raw, raw.Spec);
            }
            components.Add(raw);
        }
        return components;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex NamePattern();

    private void ReadName(RawComponent raw, Dictionary<string, RawComponent> firstByName)
    {
        var node = raw.Node.Get("name");
        if (node is not YamlScalarNode { Value: string name } || node.IsNull() || !NamePattern().IsMatch(name))
        {
            errors.Add(node ?? raw.Node, raw.Where.Dot("name"), node is null || node.IsNull()
                ? "the component has no name; expected name: <letters, digits, _ or ->"
                : $"expected a name of letters, digits, _ or - (inputs refer to it as name.output), found {node.Describe()}");
            return;
        }
        raw.Name = name;
        if (!firstByName.TryAdd(name, raw))
        {
            raw.IsFirstOfName = false;
            errors.Add(node, raw.Where.Dot("name"), $"a component named \"{name}\" is already defined at line {firstByName[name].Node.Start.Line}; names must be unique");
        }
    }

    private void ReadType(RawComponent raw)
    {
        var node = raw.Node.Get("type");
        var known = string.Join(", ", specs.Types);
        if (node is not YamlScalarNode { Value: string type } || node.IsNull())
        {
            errors.Add(node ?? raw.Node, raw.Where.Dot("type"), $"the component has no type; expected one of {known}");
            return;
        }
        raw.TypeNode = node;
        raw.Spec = specs.Find(type);
        if (raw.Spec is null)
        {
            errors.Add(node, raw.Where.Dot("type"), $"unknown component type \"{type}\"{NearestName.Hint(type, specs.Types)}; known types: {known}");
            return;
        }
        foreach (var role in raw.Spec.RequiredRoles.Where(r => r != Role.Guest && !roster.Has(r)))
        {
            // A missing guest is reported once, for the whole job, rather than once per component.
            errors.Add(node, raw.Where.Dot("type"), $"{type} needs at least one {role.ToWire()}, and the job's parties have none");
        }
    }

    private void ReadInputs(RawComponent raw)
    {
        var where = raw.Where.Dot("inputs");
        var node = raw.Node.Get("inputs");
        if (node is not null && !node.IsNull() && node is not YamlMappingNode)
        {
            errors.Add(node, where, $"expected a mapping of input slots to outputs (data: reader_0.data), found {node.Describe()}");
            return;
        }
        var slots = raw.Spec?.Inputs.Select(i => i.Name).ToList();
        var named = new HashSet<string>();
        foreach (var (slot, keyNode, value) in (node as YamlMappingNode)?.Entries(where, errors) ?? [])
        {
            named.Add(slot);
            if (slots is not null && !slots.Contains(slot))
            {
                errors.Add(keyNode, where, slots.Count == 0
                    ? $"{raw.Spec!.Type} takes no inputs, but names input \"{slot}\""
                    : $"unknown input \"{slot}\"{NearestName.Hint(slot, slots)}; {raw.Spec!.Type} takes {string.Join(", ", slots)}");
                continue;
            }
            var parts = value is YamlScalarNode { Value: string text } && !value.IsNull() ? text.Split('.') : [];
            if (parts.Length != 2 || parts.Any(p => p.Length == 0))
            {
                errors.Add(value, where.Dot(slot), $"expected <component>.<output>, such as reader_0.data, found {value.Describe()}");
                continue;
            }
            raw.Inputs.Add(new RawInput(slot, parts[0], parts[1], value, where.Dot(slot)));
        }
        // A slot whose value was wrong is reported already, so only slots not named at all are missing.
        var missing = raw.Spec?.Inputs.Where(i => i.Required && !named.Contains(i.Name)).ToList() ?? [];
        foreach (var input in missing)
        {
            errors.Add(raw.Node, where, $"{raw.Spec!.Type} needs input \"{input.Name}\" ({input.Accepts.ToWire()}); set it as inputs: {{ {input.Name}: <component>.{input.Accepts.ToWire()} }}");
        }
        ReadMode(raw, where, named);
    }

    /// <summary>For a component with modes, exactly one is chosen by the inputs named, and it has every input it needs.</summary>
    private void ReadMode(RawComponent raw, string where, HashSet<string> named)
    {
        var modes = raw.Spec?.Modes ?? [];
        if (modes.Count == 0)
        {
            return;
        }
        var chosen = modes.Where(m => named.Contains(m.Chooser)).ToList();
        var ways = string.Join(" or ", modes.Select(m => $"{m.Name}s from {string.Join(" with ", m.Inputs)}"));
        if (chosen.Count != 1)
        {
            errors.Add(raw.Node, where, $"{raw.Spec!.Type} {ways}; name exactly one of the inputs {string.Join(", ", modes.Select(m => m.Chooser))}");
            return;
        }
        raw.Mode = chosen[0];
        foreach (var input in chosen[0].Inputs.Where(i => !named.Contains(i)))
        {
            errors.Add(raw.Node, where, $"{raw.Spec!.Type} {chosen[0].Name}s from {chosen[0].Chooser} with input \"{input}\"; set it as inputs: {{ {input}: <component>.{raw.Spec.Input(input)!.Accepts.ToWire()} }}");
        }
    }

    /// <summary>The <c>parties</c> section: per-role and per-party parameters, keyed by role name or party id.</summary>
    private void ReadPartySections(RawComponent raw, ComponentSpec spec)
    {
        var where = raw.Where.Dot("parties");
        var node = raw.Node.Get("parties");
        if (node is null || node.IsNull())
        {
            return;
        }
        if (node is not YamlMappingNode mapping)
        {
            errors.Add(node, where, $"expected a mapping of roles or party ids to parameters (host: {{ ... }}, 9999: {{ ... }}), found {node.Describe()}");
            return;
        }
        var runsAt = string.Join(", ", spec.Roles.Select(r => r.ToWire()));
        foreach (var (key, keyNode, section) in mapping.Entries(where, errors))
        {
            var sectionWhere = where.Dot(key);
            if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var party))
            {
                if (roster.RoleOf(party) is not Role role)
                {
                    errors.Add(keyNode, sectionWhere, $"unknown party {party}: the job's parties are {roster.Describe()}");
                }
                else if (!spec.Roles.Contains(role))
                {
                    errors.Add(keyNode, sectionWhere, $"party {party} is the {role.ToWire()}, and {spec.Type} runs only at {runsAt}");
                }
                else if (!raw.ByParty.TryAdd(party, ParameterLayer.Read(section, spec.Parameters, sectionWhere, perParty: true, values, errors)))
                {
                    errors.Add(keyNode, sectionWhere, $"party {party} has two sections");
                }
                continue;
            }
            if (!RoleWords.Contains(key))
            {
                errors.Add(keyNode, sectionWhere, $"unknown role \"{key}\"{NearestName.Hint(key, RoleWords)}; expected a role ({string.Join(", ", RoleWords)}) or a party id of this job ({roster.Describe()})");
                continue;
            }
            var named = RoleNames.Parse(key);
            if (!spec.Roles.Contains(named))
            {
                errors.Add(keyNode, sectionWhere, $"{spec.Type} runs only at {runsAt}, not at the {key}");
            }
            else if (!roster.Has(named))
            {
                errors.Add(keyNode, sectionWhere, $"the job has no {key}; its parties are {roster.Describe()}");
            }
            else
            {
                raw.ByRole[named] = ParameterLayer.Read(section, spec.Parameters, sectionWhere, perParty: true, values, errors);
            }
        }
    }
}
