namespace Concord.ML.Neural.Losses;

/// <summary>
/// −log p(target) over probabilities the network already produced: a softmax row for classes 0..K−1, or one sigmoid
/// value as P(y = 1) for a binary 0/1 target. Probabilities are floored at <see cref="Floor"/> so a confident
/// mistake costs a large but finite loss.
/// </summary>
public sealed class CrossEntropyLoss : ILoss
{
    public const double Floor = 1e-15;

    public string Name => "cross_entropy";

    public void Evaluate(Tensor output, ReadOnlySpan<double> targets, Span<double> losses, Tensor gradient)
    {
        for (var i = 0; i < output.Rows; i++)
        {
            var p = output.Row(i);
            var g = gradient.Row(i);
            g.Clear();
            if (p.Length == 1)
            {
                var y = targets[i];
                var p1 = Math.Clamp(p[0], Floor, 1 - Floor);
                losses[i] = -((y * Math.Log(p1)) + ((1 - y) * Math.Log(1 - p1)));
                g[0] = (p1 - y) / (p1 * (1 - p1));
                continue;
            }
            var k = (int)targets[i];
            var pk = Math.Max(p[k], Floor);
            losses[i] = -Math.Log(pk);
            g[k] = -1 / pk;
        }
    }
}
