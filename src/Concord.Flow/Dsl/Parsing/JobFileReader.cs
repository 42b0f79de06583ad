using System.Text.Json.Nodes;
using Concord.Flow.Dsl.Specs;
using YamlDotNet.RepresentationModel;

namespace Concord.Flow.Dsl.Parsing;

/// <summary>Reads and checks a parsed job file section by section, collecting every problem before giving up.</summary>
internal sealed class JobFileReader(string source, ComponentSpecs specs, ErrorSink errors)
{
    private static readonly string[] Sections = ["job", "parties", "components"];

    public JobDefinition Read(YamlMappingNode root)
    {
        root.RejectUnknownKeys("", Sections, errors);
        var values = new ValueReader(errors);
        var settings = ReadSettings(root, values);
        var roster = RosterReader.Read(root, errors);
        var raw = new ComponentReader(specs, roster, values, errors).Read(root);
        var ordered = new InputLinker(raw, errors).Link();
        var components = ordered
            .Where(c => c.Spec is not null)
            .Select(c => new JobComponent(
                c.Name!,
                c.Spec!,
                [.. c.Inputs.Select(i => new ComponentInput(i.Slot, i.Producer, i.Output, c.Spec!.Input(i.Slot)!.Accepts))],
                ParameterResolver.Resolve(c, c.Spec!, roster, errors),
                (int)c.Node.Start.Line))
            .ToList();
        if (!errors.Any)
        {
            RuleChecks.Run(raw, components, roster, errors);
        }
        errors.ThrowIfAny();
        return new JobDefinition(source, settings, roster.ToSpec(), components) { PartyMarks = roster.Marks };
    }

    private JobSettings ReadSettings(YamlMappingNode root, ValueReader values)
    {
        var layer = ParameterLayer.Read(root.Get("job"), JobSettings.Fields, "job", perParty: false, values, errors, noun: "setting");
        JsonNode Value(string name) => layer.Values.GetValueOrDefault(name) ?? JobSettings.Fields.First(f => f.Name == name).DefaultValue!;
        var name = layer.Values.GetValueOrDefault("name")?.GetValue<string>() ?? Path.GetFileNameWithoutExtension(source);
        return new JobSettings(
            name,
            TimeSpan.FromSeconds(JsonNumber.ToLong(Value("timeout"))),
            JsonNumber.ToLong(Value("seed")),
            (int)JsonNumber.ToLong(Value("checkpoint_every")));
    }
}
