using System.Globalization;

namespace Concord.Data;

/// <summary>
/// The text behind a table's label numbers, for a label column that held words ("yes"/"no", class names) rather than
/// numbers. Each class is a text and the number that stands for it in <see cref="PartyTable.Labels"/>.
/// </summary>
/// <remarks>
/// A table read from a file holds the store's own codes (0 … n−1, the texts in ordinal order), which mean nothing to
/// a model: <see cref="Encoded"/> is false, and a training component refuses them until a label_transform has mapped
/// each text to the number the job asks for (<see cref="Encoded"/> true). Both kinds keep the texts, so that an
/// output table can show its labels as they were written.
/// </remarks>
public sealed record LabelClasses
{
    /// <summary>The most distinct texts a label column may hold: more is a free-text or id column, not a label.</summary>
    public const int MaxClasses = 10_000;

    public LabelClasses(IReadOnlyList<string> texts, IReadOnlyList<double> values, bool encoded)
    {
        if (texts.Count != values.Count)
        {
            throw new ArgumentException($"{texts.Count} label texts were given for {values.Count} values");
        }
        if (texts.Count > MaxClasses)
        {
            throw new ArgumentException($"the label has {texts.Count} distinct values, more than the limit of {MaxClasses:N0}");
        }
        var byValue = new Dictionary<double, string>(values.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            if (!seen.Add(texts[i]))
            {
                throw new ArgumentException($"the label \"{texts[i]}\" is listed twice");
            }
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"the label \"{texts[i]}\" stands for {values[i]}, which is not a finite number");
            }
            if (!byValue.TryAdd(values[i], texts[i]))
            {
                throw new ArgumentException($"the labels \"{byValue[values[i]]}\" and \"{texts[i]}\" both stand for {Number(values[i])}");
            }
        }
        Texts = [.. texts];
        Values = [.. values];
        Encoded = encoded;
        _byValue = byValue;
    }

    private readonly Dictionary<double, string> _byValue;

    /// <summary>The codes a file's texts are stored as: the texts in ordinal order, numbered 0 … n−1.</summary>
    public static LabelClasses Codes(IEnumerable<string> texts)
    {
        var sorted = texts.Order(StringComparer.Ordinal).ToArray();
        return new LabelClasses(sorted, [.. sorted.Select((_, i) => (double)i)], encoded: false);
    }

    public IReadOnlyList<string> Texts { get; }

    public IReadOnlyList<double> Values { get; }

    /// <summary>Whether the numbers are a label_transform's encoding (a model may train on them) rather than the store's codes.</summary>
    public bool Encoded { get; }

    public int Count => Texts.Count;

    /// <summary>The text a label number stands for, or null when no class has it.</summary>
    public string? TextOf(double value) => _byValue.GetValueOrDefault(value);

    /// <summary>A label as a user reads it: its text when a class has the number, else the number.</summary>
    public static string Show(LabelClasses? classes, double value) => classes?.TextOf(value) ?? Number(value);

    public bool Equals(LabelClasses? other) =>
        other is not null && Encoded == other.Encoded && Texts.SequenceEqual(other.Texts) && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Encoded, Texts.Count);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
