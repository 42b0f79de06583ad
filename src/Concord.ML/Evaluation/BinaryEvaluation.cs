namespace Concord.ML.Evaluation;

/// <summary>Everything binary evaluation reports. Curves are exact here; thin them for storage with <see cref="Curve.Thin"/>.</summary>
/// <param name="Roc">False-positive rate (X) against true-positive rate (Y), from the origin, one point per distinct score.</param>
/// <param name="PositiveLabel">The label value (0 or 1) counted as positive.</param>
/// <param name="Ks">max(TPR − FPR) over thresholds, as credit scoring reads it: a score that ranks negatives first has KS 0 (and AUC below ½), not the KS of the reversed score.</param>
/// <param name="KsIndex">The ROC point where TPR − FPR is largest: its threshold is the KS cut.</param>
/// <param name="Lift">Population fraction (X) against lift (Y) at each decile of the population ranked by score.</param>
/// <param name="Gain">Population fraction (X) against the share of positives captured (Y), at the same cuts as the lift.</param>
public sealed record BinaryEvaluation(
    double Auc,
    double Ks,
    int KsIndex,
    double Threshold,
    int PositiveLabel,
    BinaryConfusion Confusion,
    Curve Roc,
    Curve Lift,
    Curve Gain);
