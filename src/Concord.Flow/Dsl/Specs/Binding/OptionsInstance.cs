using System.Reflection;

namespace Concord.Flow.Dsl.Specs.Binding;

/// <summary>Fresh and copied instances of options records, whose initial values are the parameters' defaults.</summary>
internal static class OptionsInstance
{
    /// <summary>
    /// A new instance: by its parameterless constructor, or a positional record's with every argument at its default
    /// (null where it has none, such as a network's layers: a property without a default is no job parameter).
    /// </summary>
    public static object Create(Type type)
    {
        if (type.GetConstructor(Type.EmptyTypes) is ConstructorInfo plain)
        {
            return plain.Invoke(null);
        }
        var positional = type.GetConstructors().OrderBy(c => c.GetParameters().Count(p => !p.HasDefaultValue)).FirstOrDefault()
            ?? throw new InvalidOperationException($"{type.Name} has no public constructor to give its parameters' defaults");
        return positional.Invoke([.. positional.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue : null)]);
    }

    /// <summary>A shallow copy of a record, so that binding never changes a shared default such as a static instance.</summary>
    public static object Copy(object value) =>
        value.GetType().GetMethod("<Clone>$")?.Invoke(value, null)
        ?? throw new InvalidOperationException($"{value.GetType().Name} is not a record, so its parameters cannot be bound onto a copy");
}
