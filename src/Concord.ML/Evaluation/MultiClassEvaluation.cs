namespace Concord.ML.Evaluation;

/// <summary>Multi-class metrics. Macro averages are over the classes that occur as a label or a prediction, as sklearn's are.</summary>
/// <param name="Confusion">Weighted counts: row = true class, column = predicted class, both in the order of <see cref="Classes"/>.</param>
public sealed record MultiClassEvaluation(
    double[] Classes,
    double[][] Confusion,
    double Accuracy,
    double MacroPrecision,
    double MacroRecall,
    double MacroF1,
    double MicroPrecision,
    double MicroRecall,
    double MicroF1);
