using static Concord.ML.Horizontal.HomoSettings;

namespace Concord.ML.Horizontal.Strategies;

/// <summary>The strategy's parameters, and whether the aggregation lets the arbiter read what the strategy needs.</summary>
internal static class StrategyChecks
{
    public static void Validate(HomoSettings settings, int clientCount)
    {
        var s = settings.Strategy;
        var name = s.WireName;
        Require(s.Mu >= 0 && double.IsFinite(s.Mu), "strategy.mu", $"must not be negative (got {s.Mu})");
        Require(s.ServerLearningRate > 0 && double.IsFinite(s.ServerLearningRate), "strategy.server_learning_rate", $"must be positive (got {s.ServerLearningRate})");
        Require(s.ServerMomentum is >= 0 and < 1, "strategy.server_momentum", $"must be in [0, 1) (got {s.ServerMomentum})");
        Require(s.Eta is null or > 0, "strategy.eta", $"must be positive (got {s.Eta})");
        Require(s.Tau is null or > 0, "strategy.tau", $"must be positive (got {s.Tau})");
        Require(s.Beta1 is >= 0 and < 1, "strategy.beta_1", $"must be in [0, 1) (got {s.Beta1})");
        Require(s.Beta2 is >= 0 and < 1, "strategy.beta_2", $"must be in [0, 1) (got {s.Beta2})");
        Require(s.TrimFraction is >= 0 and < 0.5, "strategy.beta", $"must be in [0, 0.5) (got {s.TrimFraction})");
        Require(s.MaliciousClients >= 0 && s.MaliciousClients < clientCount, "strategy.num_malicious_clients", $"must be in [0, {clientCount}) (got {s.MaliciousClients})");
        Require(s.ClientsToKeep >= 0 && s.ClientsToKeep <= clientCount, "strategy.num_clients_to_keep", $"must be in [0, {clientCount}] (got {s.ClientsToKeep})");
        if (s.NeedsEachUpdate)
        {
            // The server sees only the sum under secure aggregation and Paillier; a robust rule needs every update.
            Require(settings.Aggregation == AggregationKind.Plain, "strategy", StrategySettings.SumOnlyRefusal(name, Wire(settings.Aggregation)));
            Require(settings.Dp.Mode != DpMode.Central, "strategy",
                $"{name} does not combine with central DP, whose noise is calibrated to a sum of clipped updates; use dp.mode dp_sgd or a mean-based strategy");
        }
    }

    private static string Wire(AggregationKind kind) => kind switch
    {
        AggregationKind.SecureAggregation => "secure",
        AggregationKind.Paillier => "paillier",
        _ => "plain",
    };
}
