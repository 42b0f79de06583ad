using Concord.ML.JobParameters;

namespace Concord.ML.Preprocessing.LabelTransform;

/// <summary>FATE's label_transform, as options: the encoder to apply, or what to fit one from.</summary>
public sealed record LabelTransformOptions
{
    [Parameter("label_encoder", PerParty = true,
        Description = "each label and the number it becomes, e.g. { \"yes\": 1, \"no\": 0 }; when unset one is fitted: label_list's order, else the labels sorted, numbered 0, 1, …")]
    public IReadOnlyDictionary<string, int>? LabelEncoder { get; init; }

    [Parameter("label_list", PerParty = true,
        Description = "every label the data may hold: with label_encoder, exactly its labels; without, the order they are numbered in")]
    public IReadOnlyList<string>? LabelList { get; init; }
}
