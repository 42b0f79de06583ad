using System.Text;
using System.Text.Json.Nodes;
using Concord.Federation.Parties;

namespace Concord.Flow.Dsl.Specs;

/// <summary>
/// The job reference (docs/components.md) written from the component specs the DSL checks jobs against, so that a
/// component, a parameter, a default or a range documented there cannot differ from what a job may use.
/// </summary>
public static class ComponentReference
{
    public static string Markdown(IEnumerable<ComponentSpec> specs)
    {
        var text = new StringBuilder();
        text.AppendLine("# Component reference");
        text.AppendLine();
        text.AppendLine("Written by `concord job components` from the specs every job is checked against; do not edit by hand.");
        text.AppendLine("How a job file is laid out, and which value a party gets: [examples/jobs/README.md](../examples/jobs/README.md).");
        var ordered = specs.OrderBy(s => s.Type, StringComparer.Ordinal).ToList();
        text.AppendLine();
        text.AppendLine(string.Join(" · ", ordered.Select(s => $"[`{s.Type}`](#{s.Type})")));
        foreach (var spec in ordered)
        {
            Component(text, spec);
        }
        return text.ToString();
    }

    private static void Component(StringBuilder text, ComponentSpec spec)
    {
        text.AppendLine();
        text.AppendLine($"## {spec.Type}");
        text.AppendLine();
        text.AppendLine(spec.Description);
        text.AppendLine();
        text.AppendLine($"- **Runs at**: {Roles(spec.Roles)}; the job needs {Roles(spec.RequiredRoles)}.");
        text.AppendLine($"- **Inputs**: {(spec.Inputs.Count == 0 ? "none" : string.Join(", ", spec.Inputs.Select(i => $"`{i.Name}` ({Word(i.Accepts)}{(i.Required ? "" : ", optional")})")))}.");
        foreach (var mode in spec.Modes)
        {
            text.AppendLine($"- **Mode {mode.Name}**: with {string.Join(" and ", mode.Inputs.Select(i => $"`{i}`"))}.");
        }
        text.AppendLine($"- **Outputs**: {(spec.Outputs.Count == 0 ? "none" : string.Join(", ", spec.Outputs.Select(o => $"`{o.Name}` ({Word(o.Kind)})")))}.");
        text.AppendLine();
        if (spec.Parameters.Count == 0)
        {
            text.AppendLine("No parameters.");
            return;
        }
        text.AppendLine("| parameter | expects | default | per party | meaning |");
        text.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var (path, parameter) in Flatten("", spec.Parameters))
        {
            var fallback = parameter.IsRequired ? "required" : parameter.DefaultValue is null ? "none" : $"`{Show(parameter.DefaultValue)}`";
            text.AppendLine($"| `{path}` | {Cell(parameter.Expected)} | {fallback} | {(parameter.IsPerParty ? "yes" : "")} | {Cell(parameter.Description)} |");
        }
    }

    /// <summary>Every parameter with its dotted path: a group's fields as group.field, a typed list's as list[type].field.</summary>
    private static IEnumerable<(string Path, ParameterSpec Parameter)> Flatten(string prefix, IEnumerable<ParameterSpec> parameters)
    {
        foreach (var parameter in parameters)
        {
            var path = prefix + parameter.Name;
            yield return (path, parameter);
            foreach (var field in Flatten(path + ".", parameter.Fields))
            {
                yield return field;
            }
            foreach (var variant in parameter.Variants)
            {
                foreach (var field in Flatten($"{path}[{variant.Type}].", variant.Fields))
                {
                    yield return field;
                }
            }
        }
    }

    private static string Roles(IEnumerable<Role> roles) => string.Join(", ", roles.Select(r => r.ToWire()));

    private static string Word(ArtifactKind kind) => kind.ToString().ToLowerInvariant();

    private static string Show(JsonNode value) => value.ToJsonString();

    /// <summary>A table cell: a pipe would end the cell, a line break the row.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
