using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Flow.Dsl.Specs.Components;

namespace Concord.Flow.Dsl.Specs;

/// <summary>
/// The component types a job file may name. A new component adds one spec file under Specs/Components
/// and one line to <see cref="Default"/>. Specs are checked when the registry is built, so a default that
/// breaks its own range fails at start-up rather than in some party's task.
/// </summary>
public sealed class ComponentSpecs : IReadOnlyCollection<ComponentSpec>
{
    private readonly Dictionary<string, ComponentSpec> _byType;

    public ComponentSpecs(IEnumerable<ComponentSpec> specs)
    {
        _byType = new Dictionary<string, ComponentSpec>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            if (!_byType.TryAdd(spec.Type, spec))
            {
                throw new ArgumentException($"component type \"{spec.Type}\" is specified twice");
            }
            CheckSpec(spec);
        }
    }

    /// <summary>The components Concord ships.</summary>
    public static ComponentSpecs Default { get; } = new(
    [
        ReaderSpec.Spec,
        DataTransformSpec.Spec,
        StatisticsSpec.Spec,
        FeatureBinningSpec.Spec,
        PsiSpec.Spec,
        HeteroLinearSpecs.Lr,
        HeteroLinearSpecs.LinR,
        HeteroLinearSpecs.Poisson,
        HomoLrSpec.Spec,
        HomoNnSpec.Spec,
        SecureBoostSpec.Spec,
        EvaluationSpec.Spec,
        ModelLoaderSpec.Spec,
        DataSplitSpec.Spec,
        FeatureScaleSpec.Spec,
        ImputationSpec.Spec,
        OneHotSpec.Spec,
        UnionSpec.Spec,
        SampleSpec.Spec,
        FeatureCorrelationSpec.Spec,
        StabilitySpec.Spec,
        ScorecardSpec.Spec,
        HomoFeatureBinningSpec.Spec,
        HeteroFeatureSelectionSpec.Spec,
        LabelTransformSpec.Spec,
    ]);

    public int Count => _byType.Count;

    public IEnumerable<string> Types => _byType.Keys.Order(StringComparer.Ordinal);

    public ComponentSpec? Find(string type) => _byType.GetValueOrDefault(type);

    public IEnumerator<ComponentSpec> GetEnumerator() => _byType.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void CheckSpec(ComponentSpec spec)
    {
        void Unique(IEnumerable<string> names, string what)
        {
            var twice = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null)
            {
                throw new ArgumentException($"component \"{spec.Type}\" names {what} \"{twice.Key}\" twice");
            }
        }
        Unique(spec.Inputs.Select(i => i.Name), "input");
        Unique(spec.Outputs.Select(o => o.Name), "output");
        Unique(spec.Parameters.Select(p => p.Name), "parameter");
        if (!spec.RequiredRoles.All(spec.Roles.Contains))
        {
            throw new ArgumentException($"component \"{spec.Type}\" requires a role it does not run at");
        }
        if (spec.Modes.SelectMany(m => m.Inputs).FirstOrDefault(i => spec.Input(i) is not { Required: false }) is string modeInput)
        {
            throw new ArgumentException($"component \"{spec.Type}\" has a mode input \"{modeInput}\" that is not an optional input; its mode decides whether it is needed");
        }
        if (spec.Modes.SelectMany(m => m.OptionalParameters).FirstOrDefault(p => spec.Parameter(p) is not { IsRequired: true }) is string modeParameter)
        {
            throw new ArgumentException($"component \"{spec.Type}\" has a mode that does without parameter \"{modeParameter}\", which is not a required parameter");
        }
        var variantFields = spec.Parameters.SelectMany(p => p.Variants).SelectMany(v => v.Fields);
        foreach (var parameter in spec.Parameters.Concat(spec.Parameters.SelectMany(p => p.Fields)).Concat(variantFields))
        {
            CheckParameter(spec.Type, parameter);
        }
    }

    private static void CheckParameter(string type, ParameterSpec parameter)
    {
        var where = $"component \"{type}\" parameter \"{parameter.Name}\"";
        if (parameter.IsRequired && parameter.DefaultValue is not null)
        {
            throw new ArgumentException($"{where} is required and has a default; it can only be one");
        }
        if (parameter.Fields.Any(f => f.IsRequired || f.Kind is ParameterKind.Group))
        {
            throw new ArgumentException($"{where}: a group's fields can be neither required nor groups themselves");
        }
        if (parameter.Kind is ParameterKind.TypedList != parameter.Variants.Count > 0)
        {
            throw new ArgumentException($"{where}: a typed list, and only a typed list, has item types");
        }
        if (parameter.Variants.GroupBy(v => v.Type).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"{where} names item type \"{twice.Key}\" twice");
        }
        if (parameter.Variants.SelectMany(v => v.Fields).Any(f => f.Name == "type" || f.Kind is ParameterKind.Group or ParameterKind.TypedList))
        {
            throw new ArgumentException($"{where}: an item's fields can be neither \"type\" nor groups or lists");
        }
        if (parameter.Kind is ParameterKind.Enum && parameter.Allowed.Count == 0)
        {
            throw new ArgumentException($"{where} is an enum with no allowed values");
        }
        if (parameter.Range is not null && parameter.Kind is not (ParameterKind.Int or ParameterKind.Double))
        {
            throw new ArgumentException($"{where} has a range but is not numeric");
        }
        if (parameter.DefaultValue is JsonNode value && !DefaultFits(parameter, value))
        {
            throw new ArgumentException($"{where}: default {value.ToJsonString()} is not {parameter.Expected}");
        }
    }

    private static bool DefaultFits(ParameterSpec parameter, JsonNode value)
    {
        var shape = value.GetValueKind();
        var rightShape = parameter.Kind switch
        {
            ParameterKind.Int => shape is JsonValueKind.Number && (value.AsValue().TryGetValue(out int _) || value.AsValue().TryGetValue(out long _)),
            ParameterKind.Double => shape is JsonValueKind.Number,
            ParameterKind.Bool => shape is JsonValueKind.True or JsonValueKind.False,
            ParameterKind.String or ParameterKind.Enum => shape is JsonValueKind.String,
            ParameterKind.StringList => value is JsonArray list && list.All(v => v?.GetValueKind() is JsonValueKind.String),
            _ => false,
        };
        return rightShape && parameter.Violation(value) is null;
    }
}
