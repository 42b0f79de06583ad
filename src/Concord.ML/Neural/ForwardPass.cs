namespace Concord.ML.Neural;

/// <summary>
/// How a forward pass runs: in training, dropout draws its masks from <see cref="Random"/> (seeded, so a run repeats
/// bit for bit); in inference every layer is deterministic and <see cref="Random"/> is not used.
/// </summary>
public sealed record ForwardPass(bool Training, Random Random)
{
    public static ForwardPass Inference { get; } = new(false, new Random(0));
}
