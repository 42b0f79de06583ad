using Concord.Federation.Parties;
using Concord.ML.Runtime;

namespace Concord.ML.Horizontal.Strategies;

/// <summary>What a strategy tells the clients with a round's plan (Flower's fit config).</summary>
/// <param name="ProximalMu">FedProx μ for the clients' local objective; 0 for none.</param>
public sealed record RoundConfig(double ProximalMu)
{
    public static readonly RoundConfig None = new(0.0);
}

/// <summary>A round's summed <see cref="WeightedUpdate"/> vectors, and each one where the aggregation lets the arbiter see them (plaintext only).</summary>
public sealed record RoundUpdates(double[] Sum, IReadOnlyList<double[]>? Each);

/// <summary>What a strategy carries from round to round (optimiser moments, momentum), for checkpoints.</summary>
public sealed record StrategyState(double[][] Vectors);

/// <summary>
/// A strategy of horizontal training, in the shape of Flower's <c>Strategy</c>: it configures a round (who trains
/// and what they are told), aggregates a round (the round's updates into a new global model) and decides to stop.
/// The mean-based strategies read only the sum, so they run unchanged under secure aggregation and, at the clients,
/// under Paillier; whoever holds the global model holds the strategy.
/// </summary>
public abstract class HomoStrategy(HomoSettings settings)
{
    protected HomoSettings Settings => settings;

    /// <summary>Flower's <c>configure_fit</c>: the round's clients, drawn from the job's seed so that a resumed run draws the same.</summary>
    public IReadOnlyList<PartyRef> SelectClients(IReadOnlyList<PartyRef> clients, int round) =>
        ParticipantSelection.Pick(clients, settings.ClientFraction, settings.MinClients, settings.Seed, round);

    /// <summary>What the clients are told with the round's plan.</summary>
    public virtual RoundConfig Configure(int round) => RoundConfig.None;

    /// <summary>Flower's <c>aggregate_fit</c>: moves <paramref name="global"/> in place and returns the weighted mean training loss.</summary>
    public double Aggregate(int round, double[] global, RoundUpdates updates)
    {
        var loss = WeightedUpdate.MeanLoss(global.Length, updates.Sum);
        Step(round, global, MeanChange(global.Length, updates));
        return loss;
    }

    /// <summary>Stops when the mean loss moved by less than tol between two rounds (never under DP, which keeps the loss private).</summary>
    public bool ShouldStop(double? previousLoss, double loss) =>
        settings.Tol > 0 && previousLoss is double before && Math.Abs(loss - before) < settings.Tol;

    /// <summary>The change the round proposes: the weighted mean unless a robust rule reads each update.</summary>
    protected virtual double[] MeanChange(int parameters, RoundUpdates updates) => WeightedUpdate.MeanChange(parameters, updates.Sum);

    /// <summary>Applies the change to the global model: FedAvg adds it; the server optimisers treat it as a pseudo-gradient.</summary>
    protected virtual void Step(int round, double[] global, double[] change)
    {
        for (var j = 0; j < global.Length; j++)
        {
            global[j] += change[j];
        }
    }

    /// <summary>The state to checkpoint; null for stateless strategies.</summary>
    public virtual StrategyState? Save() => null;

    public virtual void Restore(StrategyState state)
    {
    }

    /// <summary>This strategy's state as a piece of the role's checkpoint.</summary>
    public IResumable AsResumable() => new ResumableValue<StrategyState?>(Save, state =>
    {
        if (state is not null)
        {
            Restore(state);
        }
    });
}
