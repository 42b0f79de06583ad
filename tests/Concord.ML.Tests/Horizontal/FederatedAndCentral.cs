using Concord.ML.Horizontal;
using Concord.ML.LocalBaseline;

namespace Concord.ML.Tests.Horizontal;

/// <summary>
/// A model trained by the in-memory federation and the same model trained centrally (the LocalBaseline) on the union
/// of the clients' rows for rounds × local epochs, for the federated-versus-central quality tests.
/// </summary>
internal sealed record FederatedAndCentral(HomoFederation Run, HomoClientResult Federated, ILocalModel Central)
{
    public static async Task<FederatedAndCentral> TrainAsync(HomoSettings settings, IReadOnlyList<HorizontalData> data, ILocalModelFactory factory)
    {
        var run = await HomoFederation.RunAsync(settings, data, factory);
        var federated = await run.Clients[0];
        var central = LocalHorizontalTrainer.Fit(factory, federated.Shape, HorizontalData.Union(data), settings.Rounds * settings.LocalEpochs, settings.Seed);
        return new FederatedAndCentral(run, federated, central);
    }
}
