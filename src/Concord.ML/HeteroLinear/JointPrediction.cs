using Concord.Federation;
using Concord.Federation.Parties;
using Concord.ML.Linear;

namespace Concord.ML.HeteroLinear;

/// <summary>The guest's last step of a vertical linear prediction: its own w·x plus each host's w_h·x_h, through the link.</summary>
internal static class JointPrediction
{
    /// <param name="own">The guest's w·x (intercept included) per model and row.</param>
    /// <param name="hostScores">Each host's w_h·x_h, model-major: model k's rows at [k·rows, (k+1)·rows).</param>
    /// <returns>Per model and row: P(y = 1), the fitted value, or the Poisson mean.</returns>
    public static double[][] Combine(LinearTask task, double[][] own, IReadOnlyList<double[]> hostScores, IReadOnlyList<PartyRef> hosts, double[]? exposure)
    {
        var rows = own.Length == 0 ? 0 : own[0].Length;
        for (var h = 0; h < hostScores.Count; h++)
        {
            if (hostScores[h].Length != own.Length * rows)
            {
                throw new FederationException($"party {hosts[h]} sent {hostScores[h].Length} partial scores for {own.Length} model(s) × {rows} rows", hosts[h]);
            }
            if (Array.FindIndex(hostScores[h], v => !double.IsFinite(v)) is var bad and >= 0)
            {
                throw new FederationException($"party {hosts[h]} sent a non-finite partial score at position {bad}", hosts[h]);
            }
        }
        return [.. own.Select((wx, k) =>
        {
            var z = (double[])wx.Clone();
            foreach (var score in hostScores)
            {
                for (var i = 0; i < rows; i++)
                {
                    z[i] += score[(k * rows) + i];
                }
            }
            return z.Select((v, i) => Residuals.Predict(task, v, exposure?[i] ?? 1)).ToArray();
        })];
    }
}
