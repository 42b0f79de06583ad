using System.Text.Json.Nodes;
using Concord.Flow.Dsl.Specs;
using Concord.ML.Horizontal.Strategies;

namespace Concord.Flow.Components.Homo;

/// <summary>
/// The <c>strategy: { name: fedadam, ... }</c> group of the horizontal components: its spec, its submit-time rule and
/// its reading into <see cref="StrategySettings"/>, in one place. Names and defaults are Flower's; eta and tau default
/// by strategy, so they have none here.
/// </summary>
public static class StrategyParameters
{
    public static ParameterSpec Spec { get; } = Param.Group(
        "strategy",
        Param.Enum("name", [.. StrategySettings.WireNames.Select(n => n.Wire)]).Default("fedavg"),
        Param.Double("mu").AtLeast(0).Default(0.01).Describe("fedprox: proximal weight μ, sent to the clients each round"),
        Param.Double("server_learning_rate").Above(0).Default(1.0).Describe("fedavgm: server learning rate"),
        Param.Double("server_momentum").AtLeast(0).Below(1).Default(0.0).Describe("fedavgm: server momentum"),
        Param.Double("eta").Above(0).Describe("fedadam/fedyogi: server learning rate (Flower's defaults 0.1 / 0.01)"),
        Param.Double("beta_1").AtLeast(0).Below(1).Default(0.9).Describe("fedadam/fedyogi: first-moment decay"),
        Param.Double("beta_2").AtLeast(0).Below(1).Default(0.99).Describe("fedadam/fedyogi: second-moment decay"),
        Param.Double("tau").Above(0).Describe("fedadam/fedyogi: adaptivity τ (Flower's defaults 1e-9 / 1e-3)"),
        Param.Double("beta").AtLeast(0).Below(0.5).Default(0.2).Describe("trimmed_mean: fraction cut from each end of every coordinate"),
        Param.Int("num_malicious_clients").AtLeast(0).Default(0).Describe("krum: Byzantine clients f to tolerate"),
        Param.Int("num_clients_to_keep").AtLeast(0).Default(0).Describe("krum: multi-Krum averages this many best updates; 0 keeps one"))
        .Describe("how rounds are aggregated: fedavg, fedprox, fedavgm, fedadam, fedyogi over the (securely summed) mean; median, trimmed_mean, krum need aggregation plain");

    /// <summary>Robust rules read each update; under secure aggregation or Paillier the arbiter has only the sum.</summary>
    public static ComponentRule Rule { get; } = (p, _) =>
        p["strategy"]?["name"]?.GetValue<string>() is string name && Kind(name) is StrategyKind kind
        && new StrategySettings { Name = kind }.NeedsEachUpdate
        && p["aggregation"]?.GetValue<string>() is string aggregation && aggregation != "plain"
            ? new RuleViolation("strategy", $"strategy {StrategySettings.SumOnlyRefusal(name, aggregation)}")
            : null;

    public static StrategySettings Read(JsonObject s) => new()
    {
        Name = StrategySettings.WireNames.Single(n => n.Wire == (s.String("name") ?? "fedavg")).Kind,
        Mu = s.Double("mu"),
        ServerLearningRate = s.Double("server_learning_rate"),
        ServerMomentum = s.Double("server_momentum"),
        Eta = s["eta"] is null ? null : s.Double("eta"),
        Beta1 = s.Double("beta_1"),
        Beta2 = s.Double("beta_2"),
        Tau = s["tau"] is null ? null : s.Double("tau"),
        TrimFraction = s.Double("beta"),
        MaliciousClients = (int)s.Int("num_malicious_clients"),
        ClientsToKeep = (int)s.Int("num_clients_to_keep"),
    };

    private static StrategyKind? Kind(string wire) =>
        StrategySettings.WireNames.Where(n => n.Wire == wire).Select(n => (StrategyKind?)n.Kind).FirstOrDefault();
}
