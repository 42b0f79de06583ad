using Concord.ML.JobParameters;

namespace Concord.ML.Horizontal.Strategies;

/// <summary>The horizontal strategies, as Flower names them.</summary>
public enum StrategyKind
{
    /// <summary>FedAvg (McMahan et al. 2017): the global model moves by the weighted mean update.</summary>
    [WireName("fedavg")]
    FedAvg,

    /// <summary>FedProx (Li et al. 2020): FedAvg whose clients add μ/2 ‖w − w_global‖² to their local objective.</summary>
    [WireName("fedprox")]
    FedProx,

    /// <summary>FedAvgM (Hsu et al. 2019): server momentum over the mean update.</summary>
    [WireName("fedavgm")]
    FedAvgM,

    /// <summary>FedAdam (Reddi et al. 2021): Adam at the server over the mean update.</summary>
    [WireName("fedadam")]
    FedAdam,

    /// <summary>FedYogi (Reddi et al. 2021): Yogi at the server over the mean update.</summary>
    [WireName("fedyogi")]
    FedYogi,

    /// <summary>Coordinate-wise median of the clients' updates (Yin et al. 2018); needs each update, so plaintext only.</summary>
    Median,

    /// <summary>Coordinate-wise mean after cutting the largest and smallest fraction β of values; plaintext only.</summary>
    TrimmedMean,

    /// <summary>Krum (Blanchard et al. 2017): the update closest to its n − f − 2 nearest others; plaintext only.</summary>
    Krum,
}

/// <summary>
/// The strategy and its parameters, named and defaulted as in Flower. Eta and tau are null for the optimiser's own
/// default (FedAdam 0.1 and 1e-9, FedYogi 0.01 and 1e-3, as Flower's).
/// </summary>
public sealed record StrategySettings
{
    public static readonly StrategySettings FedAvg = new();

    [Parameter("name")]
    public StrategyKind Name { get; init; } = StrategyKind.FedAvg;

    /// <summary>FedProx μ, sent to the clients with each round's plan.</summary>
    [Parameter("mu", AtLeast = 0, Description = "fedprox: proximal weight μ, sent to the clients each round")]
    public double Mu { get; init; } = 0.01;

    /// <summary>FedAvgM's server learning rate.</summary>
    [Parameter("server_learning_rate", Above = 0, Description = "fedavgm: server learning rate")]
    public double ServerLearningRate { get; init; } = 1.0;

    /// <summary>FedAvgM's momentum β; 0 is FedAvg.</summary>
    [Parameter("server_momentum", AtLeast = 0, Below = 1, Description = "fedavgm: server momentum")]
    public double ServerMomentum { get; init; }

    /// <summary>FedAdam / FedYogi server learning rate η.</summary>
    [Parameter("eta", Above = 0, Description = "fedadam/fedyogi: server learning rate (Flower's defaults 0.1 / 0.01)")]
    public double? Eta { get; init; }

    [Parameter("beta_1", AtLeast = 0, Below = 1, Description = "fedadam/fedyogi: first-moment decay")]
    public double Beta1 { get; init; } = 0.9;

    [Parameter("beta_2", AtLeast = 0, Below = 1, Description = "fedadam/fedyogi: second-moment decay")]
    public double Beta2 { get; init; } = 0.99;

    /// <summary>FedAdam / FedYogi τ, the degree of adaptivity (added to √v).</summary>
    [Parameter("tau", Above = 0, Description = "fedadam/fedyogi: adaptivity τ (Flower's defaults 1e-9 / 1e-3)")]
    public double? Tau { get; init; }

    /// <summary>Trimmed mean: the fraction cut from each end of every coordinate (Flower's beta).</summary>
    [Parameter("beta", AtLeast = 0, Below = 0.5, Description = "trimmed_mean: fraction cut from each end of every coordinate")]
    public double TrimFraction { get; init; } = 0.2;

    /// <summary>Krum: f, the Byzantine clients to tolerate.</summary>
    [Parameter("num_malicious_clients", AtLeast = 0, Description = "krum: Byzantine clients f to tolerate")]
    public int MaliciousClients { get; init; }

    /// <summary>Multi-Krum: the best-scored updates averaged; 0 keeps one (plain Krum).</summary>
    [Parameter("num_clients_to_keep", AtLeast = 0, Description = "krum: multi-Krum averages this many best updates; 0 keeps one")]
    public int ClientsToKeep { get; init; }

    /// <summary>Whether the strategy reads each client's update rather than their sum.</summary>
    public bool NeedsEachUpdate => Name is StrategyKind.Median or StrategyKind.TrimmedMean or StrategyKind.Krum;

    /// <summary>Each strategy's name as the job DSL spells it.</summary>
    public static IReadOnlyList<(string Wire, StrategyKind Kind)> WireNames { get; } =
        [.. JobParameters.WireNames.Of(typeof(StrategyKind)).Select(n => (n.Wire, (StrategyKind)n.Value))];

    /// <summary>The name as the job DSL spells it.</summary>
    public string WireName => WireNames.Single(n => n.Kind == Name).Wire;

    /// <summary>Why a strategy that reads each update cannot run where the arbiter sees only the sum.</summary>
    public static string SumOnlyRefusal(string strategy, string aggregation) =>
        $"{strategy} needs each client's update, but under aggregation {aggregation} the arbiter sees only their sum; use aggregation plain, or fedavg, fedprox, fedavgm, fedadam or fedyogi";
}
