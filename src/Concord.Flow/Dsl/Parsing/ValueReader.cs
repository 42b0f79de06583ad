using System.Globalization;
using System.Text.Json.Nodes;
using Concord.Flow.Dsl.Specs;
using YamlDotNet.RepresentationModel;

namespace Concord.Flow.Dsl.Parsing;

/// <summary>Turns a YAML value into the JSON a parameter's kind calls for, reporting where it does not fit.</summary>
internal sealed class ValueReader(ErrorSink errors)
{
    private static readonly string[] TableFields = ["namespace", "name"];

    /// <summary>
    /// Reads <paramref name="node"/> as <paramref name="spec"/> says. False when it was wrong (and reported);
    /// true with a null value when the YAML says null, which leaves the parameter to the layer below.
    /// </summary>
    public bool TryRead(YamlNode node, ParameterSpec spec, string where, out JsonNode? value)
    {
        value = null;
        if (node.IsNull())
        {
            return true;
        }
        value = spec.Kind switch
        {
            ParameterKind.Int => node is YamlScalarNode s && s.IsPlain()
                && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? whole : null,
            ParameterKind.Double => node is YamlScalarNode s && s.IsPlain()
                && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null,
            ParameterKind.Bool => node is YamlScalarNode s && s.IsPlain() && bool.TryParse(s.Value, out var flag) ? flag : null,
            ParameterKind.String or ParameterKind.Enum => node is YamlScalarNode s ? s.Value : null,
            ParameterKind.Table => ReadTable(node, where),
            ParameterKind.StringList => ReadList(node, where),
            ParameterKind.IntMap => ReadIntMap(node, where),
            ParameterKind.Group => ReadGroup(node, spec, where),
            ParameterKind.TypedList => ReadTypedList(node, spec, where),
            _ => throw new InvalidOperationException($"unknown parameter kind {spec.Kind}"),
        };
        if (value is null)
        {
            // Tables, lists and groups report their own inner problems; only a wrong outer shape is reported here.
            if (!HasRightShape(node, spec.Kind))
            {
                errors.Add(node, where, $"expected {spec.Expected}, found {node.Describe()}");
            }
            return false;
        }
        if (spec.Violation(value) is string violation)
        {
            errors.Add(node, where, violation);
            return false;
        }
        return true;
    }

    private static bool HasRightShape(YamlNode node, ParameterKind kind) => kind switch
    {
        ParameterKind.Table or ParameterKind.Group or ParameterKind.IntMap => node is YamlMappingNode,
        ParameterKind.StringList or ParameterKind.TypedList => node is YamlSequenceNode,
        _ => false,
    };

    private JsonObject? ReadTable(YamlNode node, string where)
    {
        if (node is not YamlMappingNode mapping)
        {
            return null;
        }
        mapping.RejectUnknownKeys(where, TableFields, errors);
        var table = new JsonObject();
        var ok = true;
        foreach (var field in TableFields)
        {
            var value = mapping.Get(field);
            if (value is YamlScalarNode { Value: { Length: > 0 } text } && !value.IsNull())
            {
                table[field] = text;
                continue;
            }
            ok = false;
            errors.Add(value ?? mapping, where.Dot(field), value is null
                ? $"the table has no \"{field}\"; expected {{ namespace: ..., name: ... }}"
                : $"expected a non-empty string, found {value.Describe()}");
        }
        return ok && mapping.Children.Count == TableFields.Length ? table : null;
    }

    private JsonArray? ReadList(YamlNode node, string where)
    {
        if (node is not YamlSequenceNode sequence)
        {
            return null;
        }
        var list = new JsonArray();
        var ok = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            if (item is YamlScalarNode { Value: string text } && !item.IsNull())
            {
                list.Add(text);
            }
            else
            {
                ok = false;
                errors.Add(item, $"{where}[{i}]", $"expected a string, found {item.Describe()}");
            }
        }
        return ok ? list : null;
    }

    private JsonObject? ReadIntMap(YamlNode node, string where)
    {
        if (node is not YamlMappingNode mapping)
        {
            return null;
        }
        var map = new JsonObject();
        var ok = true;
        foreach (var (key, _, value) in mapping.Entries())
        {
            if (value is YamlScalarNode s && s.IsPlain() && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                && whole is >= int.MinValue and <= int.MaxValue)
            {
                map[key] = whole;
            }
            else
            {
                ok = false;
                errors.Add(value, where.Dot(key), $"expected an integer, found {value.Describe()}");
            }
        }
        return ok ? map : null;
    }

    private JsonObject? ReadGroup(YamlNode node, ParameterSpec spec, string where) =>
        node is YamlMappingNode mapping ? ReadFields(mapping, spec.Fields, where, []) : null;

    /// <summary>The fields of a mapping that may hold only <paramref name="fields"/> (besides <paramref name="also"/>, read elsewhere); null when any was wrong.</summary>
    private JsonObject? ReadFields(YamlMappingNode mapping, IReadOnlyList<ParameterSpec> fields, string where, string[] also)
    {
        var ok = mapping.RejectUnknownKeys(where, [.. also, .. fields.Select(f => f.Name)], errors);
        var group = new JsonObject();
        foreach (var (key, _, value) in mapping.Entries())
        {
            if (fields.FirstOrDefault(f => f.Name == key) is not ParameterSpec field)
            {
                continue;
            }
            if (!TryRead(value, field, where.Dot(key), out var fieldValue))
            {
                ok = false;
            }
            else if (fieldValue is not null)
            {
                group[key] = fieldValue;
            }
        }
        foreach (var missing in fields.Where(f => f.IsRequired && mapping.Get(f.Name) is null))
        {
            ok = false;
            errors.Add(mapping, where, $"\"{missing.Name}\" is not set; expected {missing.Expected}");
        }
        return ok ? group : null;
    }

    private JsonArray? ReadTypedList(YamlNode node, ParameterSpec spec, string where)
    {
        if (node is not YamlSequenceNode sequence)
        {
            return null;
        }
        var list = new JsonArray();
        var ok = true;
        var types = spec.Variants.Select(v => v.Type).ToList();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemWhere = $"{where}[{i}]";
            var item = sequence.Children[i];
            var typeNode = (item as YamlMappingNode)?.Get("type");
            var type = typeNode is YamlScalarNode { Value: string text } && !typeNode.IsNull() ? text : null;
            if (item is not YamlMappingNode mapping || type is null)
            {
                ok = false;
                errors.Add(typeNode ?? item, itemWhere, item is YamlMappingNode
                    ? $"the item has no type; expected type: one of {string.Join(", ", types)}"
                    : $"expected a mapping with type: one of {string.Join(", ", types)}, found {item.Describe()}");
                continue;
            }
            if (spec.Variant(type) is not ParameterVariant variant)
            {
                ok = false;
                errors.Add(typeNode!, itemWhere.Dot("type"), $"unknown type \"{type}\"{NearestName.Hint(type, types)}; expected one of {string.Join(", ", types)}");
                continue;
            }
            if (ReadFields(mapping, variant.Fields, $"{itemWhere} ({type})", ["type"]) is JsonObject fields)
            {
                list.Add(new JsonObject([new("type", type), .. fields.Select(f => new KeyValuePair<string, JsonNode?>(f.Key, f.Value?.DeepClone()))]));
            }
            else
            {
                ok = false;
            }
        }
        return ok ? list : null;
    }
}
