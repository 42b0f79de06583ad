using Concord.Federation.Parties;
using Concord.Flow.Components.Homo;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.Horizontal;
using Concord.ML.JobParameters;
using Concord.ML.Validation;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>
/// What every horizontal component (homo_lr, homo_nn) shares: the clients are the guest and the hosts, the arbiter
/// aggregates; the round loop, aggregation and DP parameters; validate_data's (<see cref="ValidationSpecs"/>); and the
/// submit-time checks against the job's parties. A model's spec is <see cref="Spec"/> with its own parameters added.
/// </summary>
public static class HomoSpecs
{
    /// <summary>The parameters of the horizontal framework rather than of the model: the round loop's, and validation's.</summary>
    public static IReadOnlyList<ParameterSpec> Framework { get; } = [.. OptionsBinder.Spec<HomoSettings>(), .. ValidationSpecs.Parameters];

    /// <summary>The framework's rules: enough clients for the per-round minimum, and consistent DP and aggregation choices.</summary>
    public static IReadOnlyList<ComponentRule> Rules { get; } =
    [
        (p, parties) => Long(p, "min_clients") > parties.DataParties
            ? new RuleViolation("min_clients", $"min_clients is {p["min_clients"]}, but the job has only {parties.DataParties} client(s) (the guest and {parties.Hosts} host(s)); no round could complete")
            : null,
        (p, _) => p["aggregation"]!.GetValue<string>() == WireNames.Of(AggregationKind.SecureAggregation) && Long(p, "min_clients") < 2
            ? new RuleViolation("min_clients", "secure aggregation needs min_clients of at least 2: the sum of one client's update is that update")
            : null,
        (p, parties) => Long(p, "secure_aggregation_threshold") > parties.DataParties
            ? new RuleViolation("secure_aggregation_threshold", $"the threshold {p["secure_aggregation_threshold"]} exceeds the job's {parties.DataParties} clients")
            : null,
        // At or below half, a lying arbiter could tell two groups of t clients different survivor lists and unmask one client.
        (p, parties) => Long(p, "secure_aggregation_threshold") is > 0 and var t && 2 * t <= parties.DataParties
            ? new RuleViolation("secure_aggregation_threshold", $"the threshold {t} is not above half of the job's {parties.DataParties} clients")
            : null,
        StrategyParameters.Rule,
        (p, _) => p["dp"] is { } dp && DpOn(dp) && (dp["noise_multiplier"] is null == dp["target_epsilon"] is null)
            ? new RuleViolation("dp", "differential privacy needs exactly one of noise_multiplier and target_epsilon")
            : null,
        (p, _) => p["dp"] is { } on && DpOn(on) && JsonNumber.ToDouble(p["tol"]!) > 0
            ? new RuleViolation("tol", "early stopping on the loss is off under differential privacy: the loss is not shared, since the accountant does not cover it")
            : null,
    ];

    private static bool DpOn(System.Text.Json.Nodes.JsonNode dp) => dp["mode"]?.GetValue<string>() is string mode && mode != WireNames.Of(DpMode.None);

    private static long Long(System.Text.Json.Nodes.JsonObject p, string name) => JsonNumber.ToLong(p[name]!);

    /// <summary>
    /// A horizontal component's spec: the framework's parameters and rules with the model's own parameters. It trains
    /// from train_data, or predicts from test_data with an input_model that a model_loader reads; a model parameter
    /// training requires (homo_nn's layers) is not needed to predict, since the loaded model brings its own. Each
    /// client may connect its own validate_data (see HomoComponent); <paramref name="validationTask"/> says which
    /// metrics fit the model its parameters make (binary by default: a classifier's class count is known only from the
    /// data, and a multi-class model's metrics are a subset of a binary one's, so the rest are refused before round 0).
    /// </summary>
    public static ComponentSpec Spec(
        string type, string description, IReadOnlyList<ParameterSpec> modelParameters, Func<System.Text.Json.Nodes.JsonObject, ValidationTask>? validationTask = null) => new(type, description)
        {
            Roles = [Role.Guest, Role.Host, Role.Arbiter],
            RequiredRoles = [Role.Guest, Role.Arbiter],
            NumericLabels = true,
            // In training, test_data is scored with the final model and is what the output data holds; without it, train_data is.
            Inputs =
        [
            InputSpec.Data("train_data", required: false), InputSpec.Data("validate_data", required: false),
            InputSpec.Data("test_data", required: false), InputSpec.Model("input_model", required: false),
        ],
            Modes =
        [
            new("train", ["train_data"]),
            new("predict", ["input_model", "test_data"]) { OptionalParameters = [.. modelParameters.Where(p => p.IsRequired).Select(p => p.Name)] },
        ],
            Outputs = [OutputSpec.Data, OutputSpec.Model, OutputSpec.Metrics],
            Parameters = [.. Framework, .. modelParameters],
            Rules = [.. Rules, (p, parties) => ValidationSpecs.Metrics(validationTask?.Invoke(p) ?? ValidationTask.Binary)(p, parties)],
            InputRules = ValidationSpecs.InputRules,
        };
}
