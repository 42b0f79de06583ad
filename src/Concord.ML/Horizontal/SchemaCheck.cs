using Concord.Federation.Parties;

namespace Concord.ML.Horizontal;

/// <summary>Refuses clients whose tables would make one model meaningless across them, naming the party and the columns.</summary>
internal static class SchemaCheck
{
    public static void RequireSame(PartyRef guest, ClientProfile expected, PartyRef party, ClientProfile actual)
    {
        if (actual.Model != expected.Model)
        {
            throw new ArgumentException($"party {party} trains a {actual.Model} model, but the guest ({guest}) a {expected.Model}");
        }
        if (!actual.FeatureNames.SequenceEqual(expected.FeatureNames))
        {
            var missing = expected.FeatureNames.Except(actual.FeatureNames).ToList();
            var extra = actual.FeatureNames.Except(expected.FeatureNames).ToList();
            var detail = missing.Count == 0 && extra.Count == 0
                ? "the same columns in a different order"
                : string.Join("; ", new[]
                {
                    missing.Count > 0 ? $"missing {string.Join(", ", missing.Take(10))}" : null,
                    extra.Count > 0 ? $"extra {string.Join(", ", extra.Take(10))}" : null,
                }.OfType<string>());
            throw new ArgumentException(
                $"party {party}'s table does not match the guest's ({guest}): {actual.FeatureNames.Length} feature columns against {expected.FeatureNames.Length}, {detail}; "
                + "horizontal training needs the same columns in the same order at every client");
        }
        if ((actual.LabelValues.Length == 0) != (expected.LabelValues.Length == 0) || actual.LabelName != expected.LabelName)
        {
            throw new ArgumentException($"party {party}'s label \"{actual.LabelName}\" does not match the guest's \"{expected.LabelName}\" ({guest})");
        }
    }
}
