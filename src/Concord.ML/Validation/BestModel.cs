using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.ML.Runtime;

namespace Concord.ML.Validation;

/// <summary>
/// Each party's copy of its share of the model at the best validation so far, per model (one-vs-rest), kept when
/// early stopping is on so that the model saved is the best one, as FATE's; checkpointed with the run.
/// </summary>
public sealed class BestModel<T> : IResumable
    where T : class
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private Dictionary<int, T> _best = [];

    public void Keep(int model, T share) => _best[model] = share;

    /// <summary>The kept share of <paramref name="model"/>, or null when none was kept.</summary>
    public T? Of(int model) => _best.GetValueOrDefault(model);

    public byte[] Save() => JsonSerializer.SerializeToUtf8Bytes(_best, Json);

    public void Restore(byte[] saved) =>
        _best = JsonSerializer.Deserialize<Dictionary<int, T>>(saved, Json) ?? throw new InvalidDataException("the checkpoint holds no best model");
}
