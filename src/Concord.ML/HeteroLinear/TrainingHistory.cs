using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.ML.Runtime;

namespace Concord.ML.HeteroLinear;

/// <summary>The arbiter's loss per epoch of the current model, and the epochs each finished model ran; checkpointed with the run.</summary>
internal sealed class TrainingHistory : IResumable
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public List<double> Losses { get; private set; } = [];

    public List<int> Epochs { get; private set; } = [];

    /// <summary>Whether each finished model met its stopping rule, rather than running out of epochs.</summary>
    public List<bool> Converged { get; private set; } = [];

    /// <summary>The loss of the model's previous epoch; NaN before its first.</summary>
    public double PreviousLoss => Losses.Count > 0 ? Losses[^1] : double.NaN;

    public void StartModel() => Losses.Clear();

    public byte[] Save() => JsonSerializer.SerializeToUtf8Bytes(new Saved(Losses, Epochs, Converged), Json);

    public void Restore(byte[] saved)
    {
        var state = JsonSerializer.Deserialize<Saved>(saved, Json) ?? throw new InvalidDataException("the checkpoint holds no training history");
        (Losses, Epochs, Converged) = ([.. state.Losses], [.. state.Epochs], [.. state.Converged ?? []]);
    }

    /// <param name="Converged">Null in a checkpoint written before it was kept.</param>
    private sealed record Saved(List<double> Losses, List<int> Epochs, List<bool>? Converged);
}
