using System.Text.Json;

namespace Concord.ML.Preprocessing.LabelTransform;

/// <summary>
/// What label_transform fitted at one party: each label's text and the number it becomes. Empty at a party whose
/// table has no label column (a host in a vertical job), which then passes its rows through.
/// </summary>
public sealed record LabelTransformModel(string[] Labels, int[] Values)
{
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    public static LabelTransformModel FromBytes(byte[] bytes, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<LabelTransformModel>(bytes) is { Labels: not null, Values: not null } model && model.Labels.Length == model.Values.Length
                ? model
                : throw new ArgumentException($"{what} is not a label_transform model");
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{what} is not a label_transform model: {ex.Message}", ex);
        }
    }

    /// <summary>The encoder as FATE prints it: label → number.</summary>
    public IReadOnlyDictionary<string, int> Encoder => Labels.Zip(Values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
}
