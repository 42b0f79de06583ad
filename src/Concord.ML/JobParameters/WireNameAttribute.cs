using System.Reflection;
using System.Text;

namespace Concord.ML.JobParameters;

/// <summary>An enum member's word in job files, where its snake_case name is not the word (e.g. <c>rmsprop</c>).</summary>
/// <param name="name">The word.</param>
[AttributeUsage(AttributeTargets.Field)]
public sealed class WireNameAttribute(string name) : Attribute
{
    /// <summary>The word.</summary>
    public string Name => name;
}

/// <summary>The words job files use for an enum's members, in declaration order.</summary>
public static class WireNames
{
    /// <summary>Every member of <paramref name="enumType"/> with its word: its <see cref="WireNameAttribute"/>, else its name in snake_case.</summary>
    public static IReadOnlyList<(string Wire, object Value)> Of(Type enumType) =>
        [.. enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .OrderBy(f => f.MetadataToken)
            .Select(f => (f.GetCustomAttribute<WireNameAttribute>()?.Name ?? SnakeCase(f.Name), f.GetValue(null)!))];

    /// <summary>The word for one member.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum => Of(typeof(T)).First(n => n.Value.Equals(value)).Wire;

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
            {
                text.Append('_');
            }
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
