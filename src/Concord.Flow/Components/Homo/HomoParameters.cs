using System.Text.Json.Nodes;
using Concord.ML.Horizontal;

namespace Concord.Flow.Components.Homo;

/// <summary>Reads the framework's job parameters (<see cref="Dsl.Specs.Components.HomoSpecs.Framework"/>) into <see cref="HomoSettings"/>.</summary>
public static class HomoParameters
{
    public static HomoSettings Settings(JsonObject p, long seed)
    {
        var dp = p["dp"] as JsonObject ?? [];
        var mode = dp["mode"]?.GetValue<string>() ?? "none";
        return new HomoSettings
        {
            Rounds = (int)p.Int("rounds"),
            LocalEpochs = (int)p.Int("local_epochs"),
            ClientFraction = p.Double("client_fraction"),
            MinClients = (int)p.Int("min_clients"),
            RoundDeadline = TimeSpan.FromSeconds(p.Double("round_deadline")),
            Strategy = StrategyParameters.Read(p["strategy"] as JsonObject ?? []),
            Aggregation = p.String("aggregation") switch
            {
                "plain" => AggregationKind.Plain,
                "paillier" => AggregationKind.Paillier,
                _ => AggregationKind.SecureAggregation,
            },
            SecureAggregationThreshold = (int)p.Int("secure_aggregation_threshold"),
            FractionBits = (int)p.Int("fraction_bits"),
            KeyBits = (int)p.Int("key_bits"),
            Tol = p.Double("tol"),
            Seed = seed,
            Dp = mode == "none" ? DpSettings.Off : new DpSettings(
                mode == "central" ? DpMode.Central : DpMode.DpSgd,
                dp.Double("clip_norm"),
                dp["noise_multiplier"] is null ? null : dp.Double("noise_multiplier"),
                dp["target_epsilon"] is null ? null : dp.Double("target_epsilon"),
                dp.Double("delta")),
        };
    }
}
