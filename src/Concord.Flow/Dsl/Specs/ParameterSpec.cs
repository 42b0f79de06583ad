using System.Globalization;
using System.Text.Json.Nodes;

namespace Concord.Flow.Dsl.Specs;

/// <summary>
/// One parameter a component accepts: its kind, the values it allows, whether every party must have it
/// (or else its default), and whether it may differ between parties. Build one with <see cref="Param"/>
/// and the chaining methods below, e.g. <c>Param.Int("max_iter").Between(1, 10000).Default(30)</c>.
/// </summary>
public sealed record ParameterSpec(string Name, ParameterKind Kind)
{
    public bool IsRequired { get; init; }

    /// <summary>The value a party gets when no layer sets one; null means the parameter is simply left out.</summary>
    public JsonNode? DefaultValue { get; init; }

    public NumericRange? Range { get; init; }

    /// <summary>The words an <see cref="ParameterKind.Enum"/> accepts.</summary>
    public IReadOnlyList<string> Allowed { get; init; } = [];

    /// <summary>The sub-parameters of a <see cref="ParameterKind.Group"/>.</summary>
    public IReadOnlyList<ParameterSpec> Fields { get; init; } = [];

    /// <summary>The item types of a <see cref="ParameterKind.TypedList"/>, each with the fields it takes besides <c>type</c>.</summary>
    public IReadOnlyList<ParameterVariant> Variants { get; init; } = [];

    /// <summary>Whether a role or party section may set it. Protocol settings that every party must share may not.</summary>
    public bool IsPerParty { get; init; }

    public string Description { get; init; } = "";

    public ParameterSpec Required() => this with { IsRequired = true };

    public ParameterSpec Default(JsonNode value) => this with { DefaultValue = value };

    public ParameterSpec PerParty() => this with { IsPerParty = true };

    public ParameterSpec Describe(string description) => this with { Description = description };

    public ParameterSpec Between(double min, double max) => AtLeast(min).AtMost(max);

    public ParameterSpec AtLeast(double min) => WithRange(r => r with { Min = min, MinExclusive = false });

    public ParameterSpec Above(double min) => WithRange(r => r with { Min = min, MinExclusive = true });

    public ParameterSpec AtMost(double max) => WithRange(r => r with { Max = max, MaxExclusive = false });

    public ParameterSpec Below(double max) => WithRange(r => r with { Max = max, MaxExclusive = true });

    /// <summary>Also accepts <paramref name="special"/>, outside the range (e.g. -1 for "all").</summary>
    public ParameterSpec Or(double special) => WithRange(r => r with { Also = [.. r.Also, special] });

    public ParameterSpec? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    public ParameterVariant? Variant(string type) => Variants.FirstOrDefault(v => v.Type == type);

    /// <summary>What a value must look like, for error messages.</summary>
    public string Expected => Kind switch
    {
        ParameterKind.Int => Range is null ? "an integer" : $"an integer {Range}",
        ParameterKind.Double => Range is null ? "a number" : $"a number {Range}",
        ParameterKind.Bool => "true or false",
        ParameterKind.String => "a string",
        ParameterKind.Enum => $"one of {string.Join(", ", Allowed)}",
        ParameterKind.Table => "a table as { namespace: ..., name: ... }",
        ParameterKind.StringList => "a list of strings",
        ParameterKind.IntMap => "a mapping of strings to integers",
        ParameterKind.Group => $"a mapping with fields {string.Join(", ", Fields.Select(f => f.Name))}",
        ParameterKind.TypedList => $"a list of mappings, each with type: one of {string.Join(", ", Variants.Select(v => v.Type))}",
        _ => throw new InvalidOperationException($"unknown parameter kind {Kind}"),
    };

    /// <summary>
    /// Why a value of the right JSON shape is still not allowed (out of range, not one of the words), or
    /// null when it is fine. Shapes are checked where the value is read, since only there is its line known.
    /// </summary>
    public string? Violation(JsonNode value)
    {
        switch (Kind)
        {
            case ParameterKind.Int or ParameterKind.Double when Range is not null:
                var number = JsonNumber.ToDouble(value);
                return Range.Contains(number) ? null : $"{number.ToString(CultureInfo.InvariantCulture)} is out of range: expected {Expected}";
            case ParameterKind.Enum:
                var word = value.GetValue<string>();
                return Allowed.Contains(word) ? null : $"\"{word}\" is not allowed: expected {Expected}{NearestName.Hint(word, Allowed)}";
            default:
                return null;
        }
    }

    private ParameterSpec WithRange(Func<NumericRange, NumericRange> change) => this with { Range = change(Range ?? new NumericRange()) };
}
