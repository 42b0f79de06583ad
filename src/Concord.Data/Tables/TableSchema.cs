namespace Concord.Data;

/// <summary>
/// The names and kinds of a table's columns. The id, label and weight columns are named apart from the
/// features because they play a role in every protocol (matching, training targets, sample weights).
/// </summary>
public sealed record TableSchema
{
    public TableSchema(string idName, IReadOnlyList<Feature> features, string? labelName = null, string? weightName = null,
        LabelClasses? labelClasses = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(idName);
        if (labelClasses is not null && labelName is null)
        {
            throw new ArgumentException("label classes were given but the schema names no label column");
        }
        IdName = idName;
        Features = features.ToArray();
        LabelName = labelName;
        WeightName = weightName;
        LabelClasses = labelClasses;
        var seen = new HashSet<string>(StringComparer.Ordinal) { idName };
        foreach (var name in Features.Select(f => f.Name).Append(labelName).Append(weightName).OfType<string>())
        {
            if (!seen.Add(name))
            {
                throw new ArgumentException($"the column name \"{name}\" is used twice in the schema");
            }
        }
    }

    public string IdName { get; }

    public IReadOnlyList<Feature> Features { get; }

    /// <summary>The label column's name, or null for a table without labels (a host's, typically).</summary>
    public string? LabelName { get; }

    /// <summary>The sample-weight column's name, or null when every sample weighs the same.</summary>
    public string? WeightName { get; }

    /// <summary>The texts behind the label numbers when the label column held words; null for a numeric label.</summary>
    public LabelClasses? LabelClasses { get; }

    /// <summary>Whether the labels are still the store's codes of texts, which no model may train on (see <see cref="Data.LabelClasses"/>).</summary>
    public bool HasTextLabels => LabelClasses is { Encoded: false };

    public IEnumerable<string> FeatureNames => Features.Select(f => f.Name);

    /// <summary>The same id, label and weight columns (and label classes) over other features, for a transform's output.</summary>
    public TableSchema WithFeatures(IReadOnlyList<Feature> features) => new(IdName, features, LabelName, WeightName, LabelClasses);

    /// <summary>The same columns with other label classes (null: the labels are plain numbers).</summary>
    public TableSchema WithLabelClasses(LabelClasses? classes) => new(IdName, Features, LabelName, WeightName, classes);

    /// <summary>The position of a feature by name, or -1.</summary>
    public int IndexOf(string featureName)
    {
        for (var j = 0; j < Features.Count; j++)
        {
            if (Features[j].Name == featureName)
            {
                return j;
            }
        }
        return -1;
    }

    public bool Equals(TableSchema? other) =>
        other is not null
        && IdName == other.IdName
        && LabelName == other.LabelName
        && WeightName == other.WeightName
        && Equals(LabelClasses, other.LabelClasses)
        && Features.SequenceEqual(other.Features);

    public override int GetHashCode() => HashCode.Combine(IdName, LabelName, WeightName, Features.Count);
}
