using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Concord.Flow.Dsl.Parsing;

/// <summary>The few questions the reader asks of raw YAML nodes.</summary>
internal static class YamlNodes
{
    /// <summary>An unquoted scalar, whose text YAML would read as a number, bool or null rather than a string.</summary>
    public static bool IsPlain(this YamlScalarNode scalar) => scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;

    /// <summary>YAML's null: an empty value, <c>~</c> or <c>null</c>, unquoted.</summary>
    public static bool IsNull(this YamlNode node) =>
        node is YamlScalarNode scalar && scalar.IsPlain() && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>How a node looks, for "expected X, found Y" messages.</summary>
    public static string Describe(this YamlNode node) => node switch
    {
        _ when node.IsNull() => "nothing (null)",
        YamlScalarNode scalar when scalar.IsPlain() => $"\"{scalar.Value}\"",
        YamlScalarNode scalar => $"\"{scalar.Value}\" (quoted, so a string)",
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ => node.NodeType.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// A mapping's entries by key text. A key that is not text (YAML allows lists as keys) is reported when
    /// <paramref name="errors"/> is given; pass none when the same mapping was already walked with one.
    /// </summary>
    public static IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(this YamlMappingNode mapping, string where = "", ErrorSink? errors = null)
    {
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: string text })
            {
                yield return (text, key, value);
            }
            else
            {
                errors?.Add(key, where, $"a key must be a plain name, not {key.Describe()}");
            }
        }
    }

    /// <summary>Reports each key that is not one of <paramref name="known"/>, with the nearest known name; true when there were none.</summary>
    public static bool RejectUnknownKeys(this YamlMappingNode mapping, string where, IReadOnlyCollection<string> known, ErrorSink errors)
    {
        var clean = true;
        foreach (var (key, keyNode, _) in mapping.Entries(where, errors))
        {
            if (!known.Contains(key))
            {
                clean = false;
                errors.Add(keyNode, where, $"unknown field \"{key}\"; expected {string.Join(", ", known)}{NearestName.Hint(key, known)}");
            }
        }
        return clean;
    }

    // By text rather than by node equality, which also compares tags: a quoted "job" (as in JSON) is still job.
    public static YamlNode? Get(this YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: string text } && text == key).Value;

    /// <summary>The key node of <paramref name="key"/>, whose line is where its section begins.</summary>
    public static YamlNode? KeyNode(this YamlMappingNode mapping, string key) =>
        mapping.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: string text } && text == key);

    /// <summary>Joins a path for messages: <c>a.b</c>, or just <c>b</c> at the top.</summary>
    public static string Dot(this string where, string field) => where.Length == 0 ? field : $"{where}.{field}";
}
