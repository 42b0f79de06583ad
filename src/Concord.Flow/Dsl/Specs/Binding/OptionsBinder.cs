using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.ML.JobParameters;

namespace Concord.Flow.Dsl.Specs.Binding;

/// <summary>
/// Job parameters written once, on the options record a protocol reads (see <see cref="ParameterAttribute"/>):
/// <see cref="Spec{T}"/> gives the parameters a component spec lists, <see cref="Bind{T}"/> turns a party's resolved
/// parameters into the record. A parameter a job leaves out keeps the record's initial value, which is also its default.
/// </summary>
public static class OptionsBinder
{
    /// <summary>The parameters of <typeparamref name="T"/>, in declaration order, as a component spec lists them.</summary>
    public static IReadOnlyList<ParameterSpec> Spec<T>()
        where T : class => [.. OptionsField.Of(typeof(T)).Select(f => f.Spec)];

    /// <summary>
    /// A new <typeparamref name="T"/> with <paramref name="parameters"/> bound onto it. A name neither <typeparamref name="T"/>
    /// nor <paramref name="component"/> knows, a value of the wrong shape, out of range or not one of the words is refused
    /// in one line naming the parameter; parameters only the component knows are left to it.
    /// </summary>
    public static T Bind<T>(JsonObject parameters, ComponentSpec? component = null)
        where T : class
    {
        var fields = OptionsField.Of(typeof(T));
        var target = OptionsInstance.Create(typeof(T));
        Bind(target, parameters, fields, [.. fields.Select(f => f.Spec.Name).Union(component?.Parameters.Select(p => p.Name) ?? [])], "");
        return (T)target;
    }

    private static void Bind(object target, JsonObject values, IReadOnlyList<OptionsField> fields, IReadOnlyList<string> accepted, string prefix)
    {
        foreach (var (key, _) in values)
        {
            if (!accepted.Contains(key))
            {
                throw new ArgumentException($"parameter \"{prefix}{key}\" is unknown; expected one of {string.Join(", ", accepted)}{NearestName.Hint(key, accepted)}");
            }
        }
        foreach (var field in fields)
        {
            if (values[field.Spec.Name] is not JsonNode node)
            {
                continue;
            }
            var path = prefix + field.Spec.Name;
            if (field.Spec.Kind is not ParameterKind.Group)
            {
                field.Property!.SetValue(target, Read(node, field, path));
                continue;
            }
            var group = node as JsonObject ?? throw new ArgumentException($"parameter \"{path}\": expected {field.Spec.Expected}, found {node.ToJsonString()}");
            var names = field.Fields.Select(f => f.Spec.Name).ToList();
            if (field.Property is null)
            {
                Bind(target, group, field.Fields, names, path + ".");
                continue;
            }
            var nested = field.Property.GetValue(target) is object current ? OptionsInstance.Copy(current) : OptionsInstance.Create(field.Property.PropertyType);
            Bind(nested, group, field.Fields, names, path + ".");
            field.Property.SetValue(target, nested);
        }
    }

    private static object? Read(JsonNode node, OptionsField field, string path)
    {
        var spec = field.Spec;
        var type = Nullable.GetUnderlyingType(field.Property!.PropertyType) ?? field.Property.PropertyType;
        var element = JsonSerializer.SerializeToElement(node);
        var fits = spec.Kind switch
        {
            ParameterKind.Int => element.ValueKind is JsonValueKind.Number && element.TryGetInt64(out var whole)
                && (type != typeof(int) || whole is >= int.MinValue and <= int.MaxValue),
            ParameterKind.Double => element.ValueKind is JsonValueKind.Number,
            ParameterKind.Bool => element.ValueKind is JsonValueKind.True or JsonValueKind.False,
            ParameterKind.String or ParameterKind.Enum => element.ValueKind is JsonValueKind.String,
            ParameterKind.StringList => element.ValueKind is JsonValueKind.Array && element.EnumerateArray().All(e => e.ValueKind is JsonValueKind.String),
            ParameterKind.IntMap => element.ValueKind is JsonValueKind.Object && element.EnumerateObject().All(e => e.Value.ValueKind is JsonValueKind.Number && e.Value.TryGetInt32(out _)),
            _ => false,
        };
        if (!fits)
        {
            throw new ArgumentException($"parameter \"{path}\": expected {spec.Expected}, found {node.ToJsonString()}");
        }
        if (spec.Violation(node) is string why)
        {
            throw new ArgumentException($"parameter \"{path}\": {why}");
        }
        return spec.Kind switch
        {
            ParameterKind.Int when type == typeof(int) => (int)element.GetInt64(),
            ParameterKind.Int => element.GetInt64(),
            ParameterKind.Double when type == typeof(TimeSpan) => TimeSpan.FromSeconds(element.GetDouble()),
            ParameterKind.Double => element.GetDouble(),
            ParameterKind.Bool => element.GetBoolean(),
            ParameterKind.Enum => WireNames.Of(type).First(n => n.Wire == element.GetString()).Value,
            ParameterKind.StringList => element.EnumerateArray().Select(e => e.GetString()!).ToArray(),
            ParameterKind.IntMap => element.EnumerateObject().ToDictionary(e => e.Name, e => e.Value.GetInt32(), StringComparer.Ordinal),
            _ => element.GetString(),
        };
    }
}
