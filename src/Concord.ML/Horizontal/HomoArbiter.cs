using Concord.Crypto.Privacy;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.ML.Checkpoints;
using Concord.ML.Horizontal.Aggregation;
using Concord.ML.Horizontal.Strategies;
using Concord.ML.Horizontal.Validation;
using Concord.ML.Runtime;
using Concord.ML.Validation;
using static Concord.ML.Horizontal.HomoProtocol;

namespace Concord.ML.Horizontal;

/// <summary>What the arbiter ends with: the global parameters (null under Paillier, which it never sees; the best round's under early stopping) and each round.</summary>
/// <param name="Validation">The clients' row-weighted mean metrics of each validation; null when no client validates.</param>
/// <param name="BestRound">The round (1-based) whose model early stopping kept; null when it is off.</param>
public sealed record HomoArbiterResult(
    ModelShape Shape, double[]? Global, IReadOnlyList<RoundRecord> Rounds, PrivacyReport? Privacy,
    IReadOnlyList<ValidationPoint>? Validation = null, int? BestRound = null);

/// <summary>
/// The arbiter of horizontal federated training. Each round its strategy (Flower's <c>Strategy</c>) picks the
/// participants and what they are told; the arbiter sends them the global model, sums their weighted updates through
/// the configured aggregation (dropping those that miss the deadline), and the strategy turns the sum into the next
/// global model and decides to stop. It checks the clients' schemas before the first round, adds the central-DP
/// noise when asked, and checkpoints every few rounds.
/// </summary>
public sealed class HomoArbiter(
    FederationContext ctx,
    HomoSettings settings,
    IArbiterAggregation aggregation,
    ILocalModelFactory? factory = null,
    ICheckpoints? checkpoints = null,
    Action<string>? log = null)
{
    private readonly HomoStrategy _strategy = HomoStrategies.Create(settings);

    /// <summary>Whether the arbiter can read the sum, and so holds and broadcasts the global model.</summary>
    private bool HoldsGlobal => settings.Aggregation != AggregationKind.Paillier;

    public async Task<HomoArbiterResult> RunAsync(CancellationToken ct = default)
    {
        var clients = HomoRoles.Clients(ctx);
        settings.Validate(clients.Count);
        var setup = ctx.Sub("setup");
        var (shape, validates) = await AgreeOnShapeAsync(setup, clients, ct).ConfigureAwait(false);
        var validation = validates ? new ArbiterValidation(settings, shape, aggregation) : null;
        await aggregation.SetupAsync(setup, ct).ConfigureAwait(false);
        var global = await setup.Guest.Receive(InitialParameters, ct).ConfigureAwait(false);
        var length = WeightedUpdate.Length(global.Length);
        var perRound = _strategy.SelectClients(clients, 0).Count;
        var ledger = settings.Dp.Mode == DpMode.Central
            ? new PrivacyLedger(settings.Dp, PrivacyLedger.NoiseFor(settings.Dp, (a, sigma) => a.Compose((double)perRound / clients.Count, sigma, settings.Rounds)))
            : null;

        var history = new RoundHistory([], Stopped: false);
        IResumable[] state = [new ResumableValue<double[]>(() => global, g => global = g), new ResumableValue<RoundHistory>(() => history, h => history = h), _strategy.AsResumable(), .. ledger is null ? [] : new[] { ledger.AsResumable() }, .. validation?.State ?? []];

        // One step more than the rounds: the last tells the clients to stop (and hands them the model).
        await foreach (var round in ctx.Rounds(settings.Rounds + 1, checkpoints, state, ct: ct).ConfigureAwait(false))
        {
            if (round.Index == settings.Rounds || history.Stopped)
            {
                await Stragglers.SendToEachAsync(round, clients, Plan, new RoundPlan(round.Index, PartyRefList.Of([]), Stop: true, RoundConfig.None, ledger?.Report()), ct).ConfigureAwait(false);
                if (HoldsGlobal && !HomoClient.ValidatedAfter(settings, round.Index - 1, validation is not null))
                {
                    await Stragglers.SendToEachAsync(round, clients, GlobalModel, global, ct).ConfigureAwait(false);
                }
                round.StopIf(true);
                continue;
            }
            var participants = _strategy.SelectClients(clients, round.Index);
            await Stragglers.SendToEachAsync(round, clients, Plan, new RoundPlan(round.Index, PartyRefList.Of(participants), Stop: false, _strategy.Configure(round.Index)), ct).ConfigureAwait(false);
            aggregation.Prepare(round, participants, ct);
            if ((HoldsGlobal && !HomoClient.ValidatedAfter(settings, round.Index - 1, validation is not null)) || round.Index == 0)
            {
                await Stragglers.SendToEachAsync(round, clients, GlobalModel, global, ct).ConfigureAwait(false);
            }
            var noise = ledger is null ? null : CentralNoise(global.Length, ledger.NoiseMultiplier * settings.Dp.ClipNorm);
            var sum = await aggregation.SumAsync(round, participants, length, noise, ct).ConfigureAwait(false);
            if (sum.Failure is not null || sum.Included.Count < settings.MinClients)
            {
                var failure = sum.Failure is string reason ? $"round {round.Index}: {reason}" : $"round {round.Index}: only {sum.Included.Count} of the {participants.Count} selected clients ({string.Join(", ", sum.Included)}) "
                    + $"answered within the {settings.RoundDeadline.TotalSeconds:0.#} s deadline; min_clients is {settings.MinClients}";
                await Stragglers.SendToEachAsync(round, clients, Outcome, new RoundOutcome(sum.Included.Count, failure), ct).ConfigureAwait(false);
                throw new FederationException(failure);
            }
            await Stragglers.SendToEachAsync(round, clients, Outcome, new RoundOutcome(sum.Included.Count, null), ct).ConfigureAwait(false);
            await aggregation.PublishAsync(round, clients, ct).ConfigureAwait(false);
            var loss = sum.Sum is double[] plain
                ? _strategy.Aggregate(round.Index, global, new RoundUpdates(plain, sum.Each))
                : (await round.Guest.Receive(AggregateLoss, ct).ConfigureAwait(false))[0];
            ledger?.Spend((double)participants.Count / clients.Count, 1);
            // Validation's early stopping ends training where the loss's tol does: the next step tells the clients to stop.
            var validationStop = validation is not null && settings.Validation.Due(round.Index)
                && await validation.ValidateAsync(round, clients, HoldsGlobal ? global : null, ct).ConfigureAwait(false);
            var stop = _strategy.ShouldStop(history.LastLoss, loss) || validationStop;
            history = new RoundHistory([.. history.Rounds, new RoundRecord(round.Index, participants.Count, sum.Included.Count, settings.Dp.Enabled ? null : loss, ledger?.Epsilon, round.Elapsed.TotalSeconds)], stop);
            var dropped = participants.Except(sum.Included).ToList();
            log?.Invoke($"round {round.Index}: {sum.Included.Count}/{participants.Count} updates" + (dropped.Count > 0 ? $" (dropped {string.Join(", ", dropped)})" : "")
                + (settings.Dp.Enabled ? "" : $", loss {loss:G6}") + (ledger is null ? "" : $", ε {ledger.Epsilon:G4}"));
        }
        return new HomoArbiterResult(shape, HoldsGlobal ? validation?.Best.Of(0) ?? global : null, history.Rounds, ledger?.Report(), validation?.Curve.Points, validation?.BestRound);
    }

    /// <summary>Every client's columns must match the guest's, by name and order; the label values of all make the classes.</summary>
    /// <returns>The shape, and whether any client validates.</returns>
    private async Task<(ModelShape Shape, bool Validates)> AgreeOnShapeAsync(FederationContext setup, IReadOnlyList<PartyRef> clients, CancellationToken ct)
    {
        var profiles = await setup.Group(clients).ReceiveAll(Profile, ct).ConfigureAwait(false);
        var validates = profiles.Any(p => p.Validates);
        string? rejection = null;
        ModelShape? shape = null;
        try
        {
            var guest = profiles[0];
            foreach (var (party, profile) in clients.Zip(profiles).Skip(1))
            {
                SchemaCheck.RequireSame(setup.Roster.Guest, guest, party, profile);
            }
            var agreed = guest.LabelValues.Length == 0
                ? new ModelShape(HorizontalTask.Regression, guest.FeatureNames, [])
                : ModelShape.ForClassification(guest.FeatureNames, profiles.SelectMany(p => p.LabelValues), guest.LabelName);
            factory?.CheckFits(agreed);
            if (ArbiterValidation.Problem(settings, agreed, validates) is string problem)
            {
                throw new ArgumentException(problem);
            }
            // Only a shape the model fits goes out: clients start training on any shape they are sent.
            shape = agreed;
        }
        catch (ArgumentException ex)
        {
            rejection = ex.Message;
        }
        await setup.Group(clients).Send(Setup, new TrainingSetup(shape, rejection, validates), ct).ConfigureAwait(false);
        return (shape ?? throw new ArgumentException(rejection), validates);
    }

    private static double[] CentralNoise(int parameters, double standardDeviation)
    {
        // Only the parameter changes are noised: the weight slot counts clients (each contributes 1 under central DP) and the loss slot is not shared.
        var noise = new double[WeightedUpdate.Length(parameters)];
        GaussianNoise.Add(noise.AsSpan(0, parameters), standardDeviation);
        return noise;
    }
}
