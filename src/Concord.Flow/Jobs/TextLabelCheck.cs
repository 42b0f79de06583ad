using Concord.Data;
using Concord.Flow.Dsl;

namespace Concord.Flow.Jobs;

/// <summary>
/// Stops a component that reads labels as numbers from training on the store's codes of words: those codes number the
/// words in ordinal order, which no model should take for classes 0 and 1 without a label_transform saying so.
/// </summary>
internal static class TextLabelCheck
{
    public static void Require(JobComponent component, int party, IReadOnlyDictionary<string, PartyTable> inputs)
    {
        if (!component.Spec.NumericLabels)
        {
            return;
        }
        foreach (var (slot, table) in inputs)
        {
            if (table.Schema is { HasTextLabels: true, LabelClasses: { } classes })
            {
                var shown = string.Join(", ", classes.Texts.Take(5).Select(t => $"\"{t}\"")) + (classes.Count > 5 ? ", ..." : "");
                throw new ArgumentException(
                    $"{component.Name} ({component.Type}) at party {party}: the labels of column \"{table.Schema.LabelName}\" in {slot} are words ({shown}); add a label_transform component before {component.Name} to turn them into numbers");
            }
        }
    }
}
