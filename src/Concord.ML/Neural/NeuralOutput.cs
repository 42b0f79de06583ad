using Concord.ML.Neural.Definition;

namespace Concord.ML.Neural;

/// <summary>A network's output row as <see cref="Horizontal.ILocalModel.Predict"/> reports it.</summary>
public static class NeuralOutput
{
    /// <summary>
    /// P(y = 1) alone for a binary model, a two-class softmax included; every class's probability for more classes;
    /// the value for regression.
    /// </summary>
    public static double[] Interpret(NeuralTask task, ReadOnlySpan<double> output) =>
        task == NeuralTask.MultiClass && output.Length == 2 ? [output[1]] : output.ToArray();

    /// <summary>The predicted class of a classifier's <see cref="Interpret"/>ed output: argmax, or P(y = 1) ≥ 0.5.</summary>
    public static int PredictedClass(ReadOnlySpan<double> interpreted)
    {
        if (interpreted.Length == 1)
        {
            return interpreted[0] >= 0.5 ? 1 : 0;
        }
        var best = 0;
        for (var k = 1; k < interpreted.Length; k++)
        {
            if (interpreted[k] > interpreted[best])
            {
                best = k;
            }
        }
        return best;
    }
}
