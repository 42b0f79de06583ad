using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using Concord.ML.JobParameters;

namespace Concord.Flow.Dsl.Specs.Binding;

/// <summary>
/// One job parameter of an options type, read from its <see cref="ParameterAttribute"/>: the spec the DSL checks jobs
/// against and the property a value goes to. A group is either a nested options record (<see cref="Property"/> set) or
/// a <see cref="ParameterGroupAttribute"/> whose fields live on the same record (<see cref="Property"/> null).
/// </summary>
internal sealed record OptionsField(ParameterSpec Spec, PropertyInfo? Property, IReadOnlyList<OptionsField> Fields)
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<OptionsField>> Cache = new();

    /// <summary>The parameters of <paramref name="type"/>, in declaration order, with its initial values as defaults.</summary>
    public static IReadOnlyList<OptionsField> Of(Type type) => Cache.GetOrAdd(type, t => Read(t, OptionsInstance.Create(t)));

    private static List<OptionsField> Read(Type type, object defaults)
    {
        var marked = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<ParameterAttribute>()))
            .Where(m => m.Attribute is not null)
            .OrderBy(m => m.Attribute!.Line)
            .ToList();
        var fields = new List<OptionsField>();
        foreach (var (property, attribute) in marked)
        {
            if (attribute!.Group is not string group)
            {
                fields.Add(Leaf(property, attribute, defaults));
            }
            else if (!fields.Any(f => f.Spec.Name == group))
            {
                var declared = type.GetCustomAttributes<ParameterGroupAttribute>().FirstOrDefault(g => g.Name == group)
                    ?? throw new InvalidOperationException($"{type.Name}.{property.Name} is in group \"{group}\", which {type.Name} does not declare");
                List<OptionsField> members = [.. marked.Where(m => m.Attribute!.Group == group).Select(m => Leaf(m.Property, m.Attribute!, defaults))];
                fields.Add(new(Param.Group(group, [.. members.Select(m => m.Spec)]).Describe(declared.Description), null, members));
            }
        }
        return fields;
    }

    private static OptionsField Leaf(PropertyInfo property, ParameterAttribute attribute, object defaults)
    {
        var value = property.GetValue(defaults);
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (IsOptions(type))
        {
            var nested = Read(type, value ?? OptionsInstance.Create(type));
            return new(Param.Group(attribute.Name, [.. nested.Select(f => f.Spec)]).Describe(attribute.Description), property, nested);
        }
        var spec = new ParameterSpec(attribute.Name, KindOf(type))
        {
            Allowed = type.IsEnum ? [.. WireNames.Of(type).Select(n => n.Wire)] : [],
            Range = RangeOf(attribute),
            DefaultValue = Json(value),
            IsPerParty = attribute.PerParty,
            Description = attribute.Description,
        };
        return new(spec, property, []);
    }

    private static bool IsOptions(Type type) =>
        type.IsClass && type != typeof(string) && type.GetProperties().Any(p => p.IsDefined(typeof(ParameterAttribute)));

    private static ParameterKind KindOf(Type type) =>
        type == typeof(int) || type == typeof(long) ? ParameterKind.Int
        : type == typeof(double) || type == typeof(TimeSpan) ? ParameterKind.Double
        : type == typeof(bool) ? ParameterKind.Bool
        : type == typeof(string) ? ParameterKind.String
        : type.IsEnum ? ParameterKind.Enum
        : type.IsAssignableFrom(typeof(string[])) ? ParameterKind.StringList
        : type.IsAssignableFrom(typeof(Dictionary<string, int>)) ? ParameterKind.IntMap
        : throw new InvalidOperationException($"a job parameter cannot have type {type.Name}");

    private static NumericRange? RangeOf(ParameterAttribute a)
    {
        if (double.IsNaN(a.AtLeast) && double.IsNaN(a.Above) && double.IsNaN(a.AtMost) && double.IsNaN(a.Below))
        {
            return null;
        }
        double? Bound(double inclusive, double exclusive) =>
            !double.IsNaN(inclusive) ? inclusive : !double.IsNaN(exclusive) ? exclusive : null;
        return new NumericRange(Bound(a.AtLeast, a.Above), !double.IsNaN(a.Above), Bound(a.AtMost, a.Below), !double.IsNaN(a.Below))
        {
            Also = double.IsNaN(a.Or) ? [] : [a.Or],
        };
    }

    /// <summary>An initial value as the job's default; an empty list or a null is no default (the value is left out).</summary>
    private static JsonNode? Json(object? value) => value switch
    {
        null => null,
        int i => i,
        long l => l,
        double d => d,
        bool b => b,
        string s => s,
        TimeSpan t => t.TotalSeconds,
        Enum e => WireNames.Of(e.GetType()).First(n => n.Value.Equals(e)).Wire,
        IReadOnlyList<string> { Count: 0 } => null,
        IReadOnlyList<string> list => new JsonArray([.. list.Select(s => (JsonNode)s)]),
        _ => throw new InvalidOperationException($"a job parameter cannot default to a {value.GetType().Name}"),
    };
}
