namespace Concord.ML.Validation;

/// <summary>What a model predicts, which decides its validation loss and the metrics that fit it.</summary>
public enum ValidationTask
{
    /// <summary>P(y = 1) per row; the loss is the log loss.</summary>
    Binary,

    /// <summary>A value per row; the loss is half the mean squared error, as the linear model trains on.</summary>
    Regression,

    /// <summary>A Poisson mean per row; the loss is the mean negative log-likelihood without its log(y!) constant.</summary>
    Poisson,

    /// <summary>P(class) per class and row; the loss is the cross-entropy.</summary>
    Multi,
}
