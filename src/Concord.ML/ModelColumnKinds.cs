using Concord.Data;

namespace Concord.ML;

/// <summary>
/// The second check a model runs on new rows, after <see cref="ModelColumns"/>: each column holds values of the kind
/// it held in training, or a narrower one (0/1 within whole numbers within reals). A flag that now holds counts, or
/// codes that now hold fractions, is no longer the column the model learned from; a short batch that happens to hold
/// only whole numbers in a real column is no sign of that, so narrower is allowed.
/// </summary>
public static class ModelColumnKinds
{
    /// <summary>Refuses, in one line naming <paramref name="who"/> and the column, the first column of <paramref name="data"/> wider than in <paramref name="trained"/>.</summary>
    public static void Require(IReadOnlyList<Feature> trained, IReadOnlyList<Feature> data, string who)
    {
        foreach (var was in trained)
        {
            if (data.FirstOrDefault(f => f.Name == was.Name) is Feature now && Width(now.Kind) > Width(was.Kind))
            {
                throw new ArgumentException(
                    $"{who}: column \"{was.Name}\" held {Describe(was.Kind)} when the model was trained and holds {Describe(now.Kind)} now; the model was not trained on such values");
            }
        }
    }

    private static int Width(FeatureKind kind) => kind switch
    {
        FeatureKind.Binary => 0,
        FeatureKind.Integer => 1,
        _ => 2,
    };

    private static string Describe(FeatureKind kind) => kind switch
    {
        FeatureKind.Binary => "only 0 and 1",
        FeatureKind.Integer => "whole numbers",
        _ => "real numbers",
    };
}
