using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.HeteroLinear;
using Concord.ML.JobParameters;
using Concord.ML.Linear;
using Concord.ML.Validation;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>
/// FATE's arbiter-coordinated vertical linear models: the guest holds the labels, hosts hold more features of the
/// same (aligned) rows, and the arbiter holds the Paillier key.
/// </summary>
internal static class HeteroLinearSpecs
{
    public static ComponentSpec Lr { get; } = Spec("hetero_lr", "logistic regression over vertically split data (one-vs-rest for more than two classes)", ValidationTask.Binary);

    public static ComponentSpec LinR { get; } = Spec("hetero_linr", "linear regression over vertically split data", ValidationTask.Regression);

    // Poisson computes no loss under encryption (exp does not split into sums), so it stops on the weights.
    public static ComponentSpec Poisson { get; } = Spec("hetero_poisson", "Poisson regression with an optional exposure column over vertically split data", ValidationTask.Poisson)
        with
    {
        Parameters = [.. Lr.Parameters.Select(p => p.Name != "early_stop" ? p : p with
            {
                Allowed = [WireNames.Of(EarlyStopKind.WeightDiff)],
                DefaultValue = WireNames.Of(EarlyStopKind.WeightDiff),
                Description = "the loss is not computed under encryption for Poisson",
            }),
            Param.String("exposure_column").PerParty().Describe("the guest's exposure column; mean = exposure · exp(w·x)")],
    };

    /// <summary>The spec of the component that trains <paramref name="task"/>.</summary>
    public static ComponentSpec For(LinearTask task) => task switch
    {
        LinearTask.Logistic => Lr,
        LinearTask.Linear => LinR,
        _ => Poisson,
    };

    private static ComponentSpec Spec(string type, string description, ValidationTask validation) => new(type, description)
    {
        Roles = [Role.Guest, Role.Host, Role.Arbiter],
        RequiredRoles = [Role.Guest, Role.Host, Role.Arbiter],
        NumericLabels = true,
        // With validate_data connected, the model is scored on it per epoch (ValidationSpecs); see HeteroLinearComponent.
        Inputs = ModelInputs.Inputs,
        Modes = ModelInputs.Modes,
        Outputs = [OutputSpec.Data, OutputSpec.Model, OutputSpec.Metrics],
        Parameters =
        [
            .. OptionsBinder.Spec<LinearOptions>(),
            // The key size sits beside the options (HeteroLinearSettings), since the arbiter alone uses it.
            Param.Int("key_bits").Between(HeteroLinearSettings.MinimumKeyBits, 4096).Default(2048).Describe("Paillier key size; below 1024 bits is refused"),
            .. OptionsBinder.Spec<FeaturePreparation>(),
            .. ValidationSpecs.Parameters,
        ],
        Rules = [ValidationSpecs.Metrics(validation)],
        InputRules = ValidationSpecs.InputRules,
    };
}
