namespace Concord.ML.Horizontal.Strategies;

/// <summary>FedAvg: the global model moves by the weighted mean of the clients' changes.</summary>
public sealed class FedAvg(HomoSettings settings) : HomoStrategy(settings);

/// <summary>FedProx: FedAvg on the server; each round's plan tells the clients μ for their proximal term.</summary>
public sealed class FedProx(HomoSettings settings) : HomoStrategy(settings)
{
    public override RoundConfig Configure(int round) => new(Settings.Strategy.Mu);
}
