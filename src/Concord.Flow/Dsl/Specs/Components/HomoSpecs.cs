using Concord.Federation.Parties;
using Concord.Flow.Components.Homo;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>
/// What every horizontal component (homo_lr, homo_nn) shares: the clients are the guest and the hosts, the arbiter
/// aggregates; the round loop, aggregation and DP parameters; and the submit-time checks against the job's parties.
/// A model's spec is <see cref="Spec"/> with its own parameters added.
/// </summary>
public static class HomoSpecs
{
    public static IReadOnlyList<ParameterSpec> Framework { get; } =
    [
        Param.Int("rounds").Between(1, 10_000).Default(10).Describe("aggregation rounds"),
        Param.Int("local_epochs").Between(1, 1_000).Default(1).Describe("epochs each picked client trains per round"),
        Param.Double("client_fraction").Above(0).AtMost(1).Default(1.0).Describe("fraction of clients picked per round (at least min_clients), drawn from the job's seed"),
        Param.Int("min_clients").Between(1, 65_536).Default(2).Describe("a round needs this many updates; at most the number of clients (guest and hosts)"),
        Param.Double("round_deadline").Above(0).AtMost(86_400).Default(300.0)
            .Describe("seconds the arbiter waits for each step of a round; clients that miss it are dropped from the round"),
        StrategyParameters.Spec,
        Param.Enum("aggregation", "secure", "plain", "paillier").Default("secure")
            .Describe("secure: Bonawitz masking with dropout recovery; paillier: under a key the arbiter lacks; plain: unprotected"),
        Param.Int("secure_aggregation_threshold").AtLeast(0).Default(0).Describe("Shamir threshold t, above half of the n clients; 0 for ⌊n/2⌋+1 of the round's n clients"),
        Param.Int("fraction_bits").Between(8, 40).Default(24).Describe("fixed-point resolution of masked or encrypted updates"),
        Param.Int("key_bits").Between(1024, 4096).Default(2048).Describe("Paillier key size under aggregation paillier"),
        Param.Double("tol").AtLeast(0).Default(0.0).Describe("stop when the weighted mean loss changes less than this between rounds; 0 runs every round"),
        Param.Group(
            "dp",
            Param.Enum("mode", "none", "dp_sgd", "central").Default("none"),
            Param.Double("clip_norm").Above(0).Default(1.0).Describe("per-sample gradient bound (dp_sgd) or per-client update bound (central)"),
            Param.Double("noise_multiplier").Above(0).Describe("σ: noise N(0, (σ·clip_norm)²); or set target_epsilon"),
            Param.Double("target_epsilon").Above(0).Describe("ε over the whole training; σ is calibrated with the RDP accountant"),
            Param.Double("delta").Above(0).AtMost(0.1).Default(1e-5))
            .Describe("differential privacy; ε spent is reported per round and in total"),
    ];

    /// <summary>The framework's rules: enough clients for the per-round minimum, and consistent DP and aggregation choices.</summary>
    public static IReadOnlyList<ComponentRule> Rules { get; } =
    [
        (p, parties) => Long(p, "min_clients") > parties.DataParties
            ? new RuleViolation("min_clients", $"min_clients is {p["min_clients"]}, but the job has only {parties.DataParties} client(s) (the guest and {parties.Hosts} host(s)); no round could complete")
            : null,
        (p, _) => p["aggregation"]!.GetValue<string>() == "secure" && Long(p, "min_clients") < 2
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
        (p, _) => p["dp"] is { } dp && dp["mode"]?.GetValue<string>() is "dp_sgd" or "central" && (dp["noise_multiplier"] is null == dp["target_epsilon"] is null)
            ? new RuleViolation("dp", "differential privacy needs exactly one of noise_multiplier and target_epsilon")
            : null,
        (p, _) => p["dp"]?["mode"]?.GetValue<string>() is "dp_sgd" or "central" && JsonNumber.ToDouble(p["tol"]!) > 0
            ? new RuleViolation("tol", "early stopping on the loss is off under differential privacy: the loss is not shared, since the accountant does not cover it")
            : null,
    ];

    private static long Long(System.Text.Json.Nodes.JsonObject p, string name) => JsonNumber.ToLong(p[name]!);

    /// <summary>A horizontal component's spec: the framework's parameters and rules with the model's own parameters.</summary>
    public static ComponentSpec Spec(string type, string description, IEnumerable<ParameterSpec> modelParameters) => new(type, description)
    {
        Roles = [Role.Guest, Role.Host, Role.Arbiter],
        RequiredRoles = [Role.Guest, Role.Arbiter],
        // test_data is scored with the final model and is what the output data holds; without it, train_data is scored.
        Inputs = [InputSpec.Data("train_data"), InputSpec.Data("test_data", required: false)],
        Outputs = [OutputSpec.Data, OutputSpec.Model, OutputSpec.Metrics],
        Parameters = [.. Framework, .. modelParameters],
        Rules = Rules,
    };
}
