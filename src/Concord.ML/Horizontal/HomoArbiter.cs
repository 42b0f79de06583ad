using Concord.Crypto.Privacy;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.ML.Checkpoints;
using Concord.ML.Horizontal.Aggregation;
using Concord.ML.Horizontal.Strategies;
using static Concord.ML.Horizontal.HomoProtocol;

namespace Concord.ML.Horizontal;

/// <summary>What the arbiter ends with: the global parameters (null under Paillier, which it never sees) and each round.</summary>
public sealed record HomoArbiterResult(ModelShape Shape, double[]? Global, IReadOnlyList<RoundRecord> Rounds, PrivacyReport? Privacy);

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
    private readonly List<RoundRecord> _rounds = [];
    private readonly HomoStrategy _strategy = HomoStrategies.Create(settings);

    /// <summary>Whether the arbiter can read the sum, and so holds and broadcasts the global model.</summary>
    private bool HoldsGlobal => settings.Aggregation != AggregationKind.Paillier;

    public async Task<HomoArbiterResult> RunAsync(CancellationToken ct = default)
    {
        var clients = HomoRoles.Clients(ctx);
        settings.Validate(clients.Count);
        var setup = ctx.Sub("setup");
        var shape = await AgreeOnShapeAsync(setup, clients, ct).ConfigureAwait(false);
        await aggregation.SetupAsync(setup, ct).ConfigureAwait(false);
        var global = await setup.Guest.Receive(InitialParameters, ct).ConfigureAwait(false);
        var length = WeightedUpdate.Length(global.Length);
        var perRound = _strategy.SelectClients(clients, 0).Count;
        var ledger = settings.Dp.Mode == DpMode.Central
            ? new PrivacyLedger(settings.Dp, PrivacyLedger.NoiseFor(settings.Dp, (a, sigma) => a.Compose((double)perRound / clients.Count, sigma, settings.Rounds)))
            : null;

        var saved = checkpoints ?? NoCheckpoints.Instance;
        var (first, stopped) = (0, false);
        if (saved.ResumeFrom is not null)
        {
            var state = HomoCheckpoint.FromBytes(await saved.LoadResumeStateAsync(ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"party {ctx.Self}: no checkpoint to resume from at round {saved.ResumeFrom}"));
            (first, stopped) = (state.NextRound, state.Stopped);
            global = state.Global ?? global;
            _rounds.AddRange(state.Rounds);
            if (state.Privacy is not null)
            {
                ledger?.Restore(state.Privacy);
            }
            if (state.Strategy is not null)
            {
                _strategy.Restore(state.Strategy);
            }
            log?.Invoke($"resuming at round {first}");
        }

        var round = first;
        for (; round < settings.Rounds && !stopped; round++)
        {
            var scope = ctx.Sub($"round-{round}");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var participants = _strategy.SelectClients(clients, round);
            await Stragglers.SendToEachAsync(scope, clients, Plan, new RoundPlan(round, PartyRefList.Of(participants), Stop: false, _strategy.Configure(round)), ct).ConfigureAwait(false);
            if (HoldsGlobal || round == 0)
            {
                await Stragglers.SendToEachAsync(scope, clients, GlobalModel, global, ct).ConfigureAwait(false);
            }
            var noise = ledger is null ? null : CentralNoise(global.Length, ledger.NoiseMultiplier * settings.Dp.ClipNorm);
            var sum = await aggregation.SumAsync(scope, participants, length, noise, ct).ConfigureAwait(false);
            if (sum.Failure is not null || sum.Included.Count < settings.MinClients)
            {
                var failure = sum.Failure is string reason ? $"round {round}: {reason}" : $"round {round}: only {sum.Included.Count} of the {participants.Count} selected clients ({string.Join(", ", sum.Included)}) "
                    + $"answered within the {settings.RoundDeadline.TotalSeconds:0.#} s deadline; min_clients is {settings.MinClients}";
                await Stragglers.SendToEachAsync(scope, clients, Outcome, new RoundOutcome(sum.Included.Count, failure), ct).ConfigureAwait(false);
                throw new FederationException(failure);
            }
            await Stragglers.SendToEachAsync(scope, clients, Outcome, new RoundOutcome(sum.Included.Count, null), ct).ConfigureAwait(false);
            await aggregation.PublishAsync(scope, clients, ct).ConfigureAwait(false);
            var loss = sum.Sum is double[] plain
                ? _strategy.Aggregate(round, global, new RoundUpdates(plain, sum.Each))
                : (await scope.Guest.Receive(AggregateLoss, ct).ConfigureAwait(false))[0];
            ledger?.Spend((double)participants.Count / clients.Count, 1);
            var previous = _rounds.Count > 0 ? _rounds[^1].Loss : null;
            _rounds.Add(new RoundRecord(round, participants.Count, sum.Included.Count, settings.Dp.Enabled ? null : loss, ledger?.Epsilon, clock.Elapsed.TotalSeconds));
            var dropped = participants.Except(sum.Included).ToList();
            log?.Invoke($"round {round}: {sum.Included.Count}/{participants.Count} updates" + (dropped.Count > 0 ? $" (dropped {string.Join(", ", dropped)})" : "")
                + (settings.Dp.Enabled ? "" : $", loss {loss:G6}") + (ledger is null ? "" : $", ε {ledger.Epsilon:G4}"));
            stopped = _strategy.ShouldStop(previous, loss);
            if (saved.Every > 0 && (round + 1) % saved.Every == 0)
            {
                var state = new HomoCheckpoint(round + 1, HoldsGlobal ? global : null, [.. _rounds], ledger?.Save(), stopped, HoldsGlobal ? _strategy.Save() : null);
                await saved.SaveAsync(round + 1, state.ToBytes(), ct).ConfigureAwait(false);
            }
        }

        var end = ctx.Sub($"round-{round}");
        await Stragglers.SendToEachAsync(end, clients, Plan, new RoundPlan(round, PartyRefList.Of([]), Stop: true, RoundConfig.None, ledger?.Report()), ct).ConfigureAwait(false);
        if (HoldsGlobal)
        {
            await Stragglers.SendToEachAsync(end, clients, GlobalModel, global, ct).ConfigureAwait(false);
        }
        return new HomoArbiterResult(shape, HoldsGlobal ? global : null, [.. _rounds], ledger?.Report());
    }

    /// <summary>Every client's columns must match the guest's, by name and order; the label values of all make the classes.</summary>
    private async Task<ModelShape> AgreeOnShapeAsync(FederationContext setup, IReadOnlyList<PartyRef> clients, CancellationToken ct)
    {
        var profiles = await setup.Group(clients).ReceiveAll(Profile, ct).ConfigureAwait(false);
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
            // Only a shape the model fits goes out: clients start training on any shape they are sent.
            shape = agreed;
        }
        catch (ArgumentException ex)
        {
            rejection = ex.Message;
        }
        await setup.Group(clients).Send(Setup, new TrainingSetup(shape, rejection), ct).ConfigureAwait(false);
        return shape ?? throw new ArgumentException(rejection);
    }

    private static double[] CentralNoise(int parameters, double standardDeviation)
    {
        // Only the parameter changes are noised: the weight slot counts clients (each contributes 1 under central DP) and the loss slot is not shared.
        var noise = new double[WeightedUpdate.Length(parameters)];
        GaussianNoise.Add(noise.AsSpan(0, parameters), standardDeviation);
        return noise;
    }
}
