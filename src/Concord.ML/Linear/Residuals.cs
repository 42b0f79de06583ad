namespace Concord.ML.Linear;

/// <summary>
/// The per-row residual d whose weighted sum against a feature is that feature's gradient, and the per-row loss, in
/// plaintext. The federated protocol computes the same quantities under encryption, split between the parties.
/// </summary>
public static class Residuals
{
    /// <summary>FATE's Taylor residual of the logistic loss around 0, with y ∈ {0, 1} mapped to ±1: 0.25·wx − 0.5·y±.</summary>
    public static double TaylorLogistic(double wx, double y) => (0.25 * wx) - (0.5 * Signed(y));

    public static double ExactLogistic(double wx, double y) => Sigmoid(wx) - y;

    public static double Linear(double wx, double y) => wx - y;

    public static double Poisson(double wx, double y, double exposure) => (Math.Exp(wx) * exposure) - y;

    public static double Residual(LinearTask task, bool exactLogistic, double wx, double y, double exposure) => task switch
    {
        LinearTask.Logistic => exactLogistic ? ExactLogistic(wx, y) : TaylorLogistic(wx, y),
        LinearTask.Linear => Linear(wx, y),
        _ => Poisson(wx, y, exposure),
    };

    /// <summary>The loss the protocol reports: the Taylor logistic loss (or the exact one), half squared error, Poisson deviance up to a constant.</summary>
    public static double Loss(LinearTask task, bool exactLogistic, double wx, double y, double exposure) => task switch
    {
        LinearTask.Logistic when exactLogistic => Softplus(-Signed(y) * wx),
        LinearTask.Logistic => Math.Log(2) - (0.5 * Signed(y) * wx) + (0.125 * wx * wx),
        LinearTask.Linear => 0.5 * (wx - y) * (wx - y),
        _ => (Math.Exp(wx) * exposure) - (y * (wx + Math.Log(exposure))),
    };

    /// <summary>The model's prediction: P(y = 1), the fitted value, or the Poisson mean count.</summary>
    public static double Predict(LinearTask task, double wx, double exposure) => task switch
    {
        LinearTask.Logistic => Sigmoid(wx),
        LinearTask.Linear => wx,
        _ => Math.Exp(wx) * exposure,
    };

    public static double Signed(double y) => (2 * y) - 1;

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    private static double Softplus(double z) => z > 30 ? z : Math.Log(1 + Math.Exp(z));
}
