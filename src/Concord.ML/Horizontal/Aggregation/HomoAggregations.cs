namespace Concord.ML.Horizontal.Aggregation;

/// <summary>The aggregation each role runs for the settings' <see cref="HomoSettings.Aggregation"/>.</summary>
public static class HomoAggregations
{
    public static IClientAggregation ForClient(HomoSettings settings) => settings.Aggregation switch
    {
        AggregationKind.Plain => new PlainAggregation(settings.RoundDeadline),
        AggregationKind.SecureAggregation => new SecureClientAggregation(settings),
        _ => new PaillierClientAggregation(settings),
    };

    public static IArbiterAggregation ForArbiter(HomoSettings settings) => settings.Aggregation switch
    {
        AggregationKind.Plain => new PlainAggregation(settings.RoundDeadline),
        AggregationKind.SecureAggregation => new SecureArbiterAggregation(settings),
        _ => new PaillierArbiterAggregation(settings),
    };
}
