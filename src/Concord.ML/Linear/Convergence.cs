namespace Concord.ML.Linear;

/// <summary>FATE's early-stopping rules, checked once per epoch.</summary>
public static class Convergence
{
    /// <param name="loss">This epoch's mean loss (NaN when the protocol does not compute it).</param>
    /// <param name="previousLoss">Last epoch's, or NaN in the first epoch.</param>
    /// <param name="weightChange">The L2 norm of the change of all weights over the epoch.</param>
    public static bool IsConverged(EarlyStopKind rule, double tol, double loss, double previousLoss, double weightChange) => rule switch
    {
        EarlyStopKind.Diff => !double.IsNaN(previousLoss) && Math.Abs(loss - previousLoss) < tol,
        EarlyStopKind.Abs => loss < tol,
        _ => weightChange < tol,
    };
}
