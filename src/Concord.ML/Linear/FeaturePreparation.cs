using Concord.ML.JobParameters;

namespace Concord.ML.Linear;

/// <summary>How a party prepares its own features for a linear model (see <see cref="PreparedFeatures.Fit"/>); each party decides alone.</summary>
public sealed record FeaturePreparation
{
    [Parameter("standardize", PerParty = true, Description = "scale each party's features by its own mean and standard deviation before training; set it when features are small or on different scales, where unscaled gradient steps barely move the weights and the model stops at max_iter unconverged")]
    public bool Standardize { get; init; }

    [Parameter("keep_constant_features", PerParty = true, Description = "keep a constant feature (with a warning) instead of dropping it")]
    public bool KeepConstantFeatures { get; init; }
}
