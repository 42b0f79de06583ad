namespace Concord.ML.Horizontal.Strategies;

/// <summary>The strategy the settings name.</summary>
public static class HomoStrategies
{
    public static HomoStrategy Create(HomoSettings settings) => settings.Strategy.Name switch
    {
        StrategyKind.FedAvg => new FedAvg(settings),
        StrategyKind.FedProx => new FedProx(settings),
        StrategyKind.FedAvgM => new FedAvgM(settings),
        StrategyKind.FedAdam => new FedAdam(settings),
        StrategyKind.FedYogi => new FedYogi(settings),
        StrategyKind.Median => new Median(settings),
        StrategyKind.TrimmedMean => new TrimmedMean(settings),
        StrategyKind.Krum => new Krum(settings),
        _ => throw new ArgumentException($"horizontal training parameter \"strategy.name\" {settings.Strategy.Name} is not a strategy"),
    };
}
