using System.Text.Json.Nodes;
using Concord.Flow.Dsl.Specs;
using YamlDotNet.RepresentationModel;

namespace Concord.Flow.Dsl.Parsing;

/// <summary>The values one section of a job file sets: a component's common parameters, or one role's or one party's.</summary>
internal sealed class ParameterLayer
{
    public Dictionary<string, JsonNode> Values { get; } = [];

    /// <summary>Names whose value here was wrong. They are reported already, so "not set" is not reported again.</summary>
    public HashSet<string> Invalid { get; } = [];

    /// <summary>Reads a section; <paramref name="perParty"/> for a role's or party's section, where only per-party parameters may appear.</summary>
    public static ParameterLayer Read(YamlNode? section, IReadOnlyList<ParameterSpec> specs, string where, bool perParty, ValueReader values, ErrorSink errors, string noun = "parameter")
    {
        var layer = new ParameterLayer();
        if (section is null || section.IsNull())
        {
            return layer;
        }
        if (section is not YamlMappingNode mapping)
        {
            errors.Add(section, where, $"expected a mapping of {noun} names to values, found {section.Describe()}");
            return layer;
        }
        var names = specs.Select(s => s.Name).ToList();
        foreach (var (key, keyNode, value) in mapping.Entries(where, errors))
        {
            if (specs.FirstOrDefault(s => s.Name == key) is not ParameterSpec spec)
            {
                errors.Add(keyNode, where, names.Count == 0
                    ? $"unknown {noun} \"{key}\": there are none to set here"
                    : $"unknown {noun} \"{key}\"{NearestName.Hint(key, names)} (known: {string.Join(", ", names)})");
            }
            else if (perParty && !spec.IsPerParty)
            {
                layer.Invalid.Add(key);
                errors.Add(keyNode, where.Dot(key), $"\"{key}\" must be the same at every party: set it under parameters, not per role or party");
            }
            else if (!values.TryRead(value, spec, where.Dot(key), out var read))
            {
                layer.Invalid.Add(key);
            }
            else if (read is not null)
            {
                layer.Values[key] = read;
            }
        }
        return layer;
    }
}
