using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.SecureBoost;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>
/// Hetero SecureBoost: gradient-boosted trees over vertically split data. The guest holds the labels and the Paillier
/// key; hosts hold more features of the same (aligned) rows and never see a gradient in plaintext.
/// </summary>
internal static class SecureBoostSpec
{
    public static ComponentSpec Spec { get; } = new("hetero_secureboost", "lossless federated gradient boosting (SecureBoost) over vertically split data")
    {
        Roles = [Role.Guest, Role.Host],
        RequiredRoles = [Role.Guest, Role.Host],
        NumericLabels = true,
        Inputs = ModelInputs.Inputs,
        Modes = ModelInputs.Modes,
        Outputs = [OutputSpec.Data, OutputSpec.Model, OutputSpec.Metrics],
        Parameters = [.. OptionsBinder.Spec<SecureBoostOptions>(), .. ValidationSpecs.Parameters],
        Rules = [Metrics],
        InputRules = ValidationSpecs.InputRules,
    };

    /// <summary>The validation metrics check for the objective the job sets.</summary>
    private static RuleViolation? Metrics(System.Text.Json.Nodes.JsonObject p, JobParties parties)
    {
        var word = p["objective"]!.GetValue<string>();
        var objective = (BoostObjective)ML.JobParameters.WireNames.Of(typeof(BoostObjective)).First(n => n.Wire == word).Value;
        return ValidationSpecs.Metrics(new SecureBoostOptions { Objective = objective }.ValidationTask)(p, parties);
    }
}
