namespace Concord.ML.Evaluation;

/// <summary>Regression metrics; with sample weights, every sum and mean is weighted, as in sklearn.</summary>
/// <param name="R2">1 − (residual sum of squares) / (total sum of squares about the labels' mean).</param>
/// <param name="ExplainedVariance">1 − Var(label − prediction) / Var(label): R² without the penalty for a constant bias.</param>
public sealed record RegressionEvaluation(double Rmse, double Mae, double R2, double ExplainedVariance);
