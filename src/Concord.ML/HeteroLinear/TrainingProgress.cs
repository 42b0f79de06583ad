using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.ML.Linear;

namespace Concord.ML.HeteroLinear;

/// <summary>A role's checkpoint: where training resumes (model, epoch), its weights and optimizer memory, and the arbiter's last loss.</summary>
internal sealed record TrainingProgress(
    int Model,
    int NextEpoch,
    long EpochsRun,
    double PreviousLoss,
    double[][] Weights,
    OptimizerState? Optimizer,
    List<double> Losses,
    List<int> Epochs)
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static TrainingProgress FromBytes(byte[] bytes) =>
        JsonSerializer.Deserialize<TrainingProgress>(bytes, Json) ?? throw new InvalidDataException("the hetero linear checkpoint is empty");
}
