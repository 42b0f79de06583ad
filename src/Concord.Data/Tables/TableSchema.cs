namespace Concord.Data;

/// <summary>
/// The names and kinds of a table's columns. The id, label and weight columns are named apart from the
/// features because they play a role in every protocol (matching, training targets, sample weights).
/// </summary>
public sealed record TableSchema
{
    public TableSchema(string idName, IReadOnlyList<Feature> features, string? labelName = null, string? weightName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(idName);
        IdName = idName;
        Features = features.ToArray();
        LabelName = labelName;
        WeightName = weightName;
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

    public IEnumerable<string> FeatureNames => Features.Select(f => f.Name);

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
        && Features.SequenceEqual(other.Features);

    public override int GetHashCode() => HashCode.Combine(IdName, LabelName, WeightName, Features.Count);
}
