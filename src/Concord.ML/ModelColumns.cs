namespace Concord.ML;

/// <summary>The check every model runs on new rows before scoring them: exactly the columns it was trained on.</summary>
public static class ModelColumns
{
    /// <summary>
    /// <paramref name="data"/>'s columns in the order of <paramref name="trained"/>; a missing column or (unless
    /// <paramref name="allowExtra"/>) an extra one is refused in one line naming it and <paramref name="who"/>.
    /// </summary>
    public static NumericColumns Require(NumericColumns data, IReadOnlyList<string> trained, string who, bool allowExtra = false)
    {
        if (trained.FirstOrDefault(name => !data.Names.Contains(name)) is string missing)
        {
            throw new ArgumentException($"{who}: the data has no column \"{missing}\", which the model was trained on ({trained.Count} columns: {string.Join(", ", trained)})");
        }
        if (!allowExtra && data.Names.FirstOrDefault(name => !trained.Contains(name)) is string extra)
        {
            throw new ArgumentException($"{who}: the data has a column \"{extra}\" the model was not trained on; drop it, or train a model that uses it");
        }
        return data.Select(trained);
    }
}
