using System.Security.Cryptography;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.Checkpoints;
using Concord.ML.Horizontal.Aggregation;
using Concord.ML.Horizontal.Strategies;
using Concord.ML.Horizontal.Validation;
using Concord.ML.Runtime;
using Concord.ML.Validation;
using static Concord.ML.Horizontal.HomoProtocol;

namespace Concord.ML.Horizontal;

/// <summary>One round as a client saw it.</summary>
/// <param name="LocalLoss">This client's mean training loss over its last local epoch; null when it sat the round out.</param>
public sealed record ClientRound(int Round, bool Trained, double? LocalLoss, int Included);

/// <summary>What a client ends with: its model holding the final global parameters (the best round's under early stopping), and the agreed shape.</summary>
/// <param name="Validation">This client's own metrics of each validation, on its validate_data rows; null when no client validates.</param>
/// <param name="BestRound">The round (1-based) whose model early stopping kept; null when it is off.</param>
public sealed record HomoClientResult(
    ILocalModel Model, ModelShape Shape, IReadOnlyList<ClientRound> Rounds, PrivacyReport? Privacy,
    IReadOnlyList<ValidationPoint>? Validation = null, int? BestRound = null);

/// <summary>
/// A client of horizontal federated training (the guest or a host): it describes its table to the arbiter, builds its
/// model once the shape is agreed, and each round it is picked trains E local epochs from the global model (with the
/// FedProx term the round's plan sets, and DP-SGD when asked) and contributes its weighted change through the aggregation. No row, and
/// under secure aggregation or Paillier no individual update, leaves the client.
/// </summary>
public sealed class HomoClient(
    FederationContext ctx,
    HomoSettings settings,
    ILocalModelFactory factory,
    IClientAggregation aggregation,
    ICheckpoints? checkpoints = null,
    Action<string>? log = null)
{
    private readonly List<ClientRound> _rounds = [];

    /// <summary>Under Paillier the clients, not the arbiter, read the sum: each runs the strategy alike to move the global model.</summary>
    private readonly HomoStrategy _strategy = HomoStrategies.Create(settings);

    private bool ArbiterHoldsGlobal => settings.Aggregation != AggregationKind.Paillier;

    /// <param name="classification">Whether the label is a class (binary or multi-class) rather than a regression target.</param>
    /// <param name="validation">This client's validate_data rows, in <paramref name="data"/>'s feature order, or null.</param>
    public async Task<HomoClientResult> FitAsync(HorizontalData data, bool classification, CancellationToken ct = default, HorizontalData? validation = null)
    {
        var clients = HomoRoles.Clients(ctx);
        settings.Validate(clients.Count);
        data.Validate($"party {ctx.Self}");
        CheckValidation(data, validation);
        var setup = ctx.Sub("setup");
        var labelValues = classification ? data.Labels.Distinct().Order().ToArray() : [];
        await setup.Arbiter.Send(Profile, new ClientProfile(factory.Name, data.FeatureNames, data.LabelName, labelValues, validation is not null), ct).ConfigureAwait(false);
        var agreed = await setup.Arbiter.Receive(Setup, ct).ConfigureAwait(false);
        var shape = agreed.Shape ?? throw new FederationException($"the arbiter refused to start training: {agreed.Rejection}", ctx.Roster.Arbiter);
        var model = factory.Create(shape, data, settings.Seed);
        await aggregation.SetupAsync(setup, ct).ConfigureAwait(false);
        if (ctx.Self == ctx.Roster.Guest)
        {
            await setup.Arbiter.Send(InitialParameters, model.GetParameters(), ct).ConfigureAwait(false);
        }
        var ledger = DpSgdLedger(model);
        var validating = agreed.Validation ? new ClientValidation(settings, shape, validation, ctx.Self) : null;

        double[]? global = null;
        PrivacyReport? centralPrivacy = null;
        IResumable[] state =
        [
            new ResumableValue<double[]?>(() => global, g => global = g), _strategy.AsResumable(), .. ledger is null ? [] : new[] { ledger.AsResumable() },
            .. validating?.State ?? [],
        ];

        // As many steps as the arbiter's: the rounds, and the one that says stop.
        await foreach (var round in ctx.Rounds(settings.Rounds + 1, checkpoints, state, ct: ct).ConfigureAwait(false))
        {
            var plan = await round.Arbiter.Receive(Plan, ct).ConfigureAwait(false);
            var participants = plan.Participants.ToParties();
            var participating = !plan.Stop && participants.Contains(ctx.Self);
            if (participating)
            {
                aggregation.Prepare(round, participants, ct);
            }
            if ((ArbiterHoldsGlobal && !ValidatedAfter(round.Index - 1, validating is not null)) || global is null)
            {
                global = await round.Arbiter.Receive(GlobalModel, ct).ConfigureAwait(false);
            }
            if (plan.Stop)
            {
                centralPrivacy = plan.CentralPrivacy;
                round.StopIf(true);
                continue;
            }
            LocalTrainingReport? report = null;
            if (participating)
            {
                report = await TrainAsync(model, global, round.Index, plan.Config, ledger, ct).ConfigureAwait(false);
                var delta = model.GetParameters();
                for (var j = 0; j < delta.Length; j++)
                {
                    delta[j] -= global[j];
                }
                var central = settings.Dp.Mode == DpMode.Central;
                if (central)
                {
                    WeightedUpdate.Clip(delta, settings.Dp.ClipNorm);
                }
                // Under DP every client counts once (central: so one client's influence is bounded by the clip) and the loss stays home (the accountant does not cover it).
                var update = WeightedUpdate.Build(delta, central ? 1 : report.SampleCount, settings.Dp.Enabled ? 0 : report.Loss);
                await aggregation.ContributeAsync(round, participants, update, ct).ConfigureAwait(false);
            }
            ledger?.Spend(report?.SamplingRate ?? 0, report?.Steps ?? 0);
            var outcome = await round.Arbiter.Receive(Outcome, ct).ConfigureAwait(false);
            if (outcome.Failure is string failure)
            {
                throw new FederationException($"the arbiter stopped training: {failure}", ctx.Roster.Arbiter);
            }
            if (await aggregation.ReceiveSumAsync(round, WeightedUpdate.Length(global.Length), outcome.Included, ct).ConfigureAwait(false) is double[] sum)
            {
                var loss = _strategy.Aggregate(round.Index, global, new RoundUpdates(sum, null));
                if (ctx.Self == ctx.Roster.Guest)
                {
                    await round.Arbiter.Send(AggregateLoss, [loss], ct).ConfigureAwait(false);
                }
            }
            if (validating is not null && settings.Validation.Due(round.Index))
            {
                global = await validating.ValidateAsync(round, clients, model, global, aggregation, ct).ConfigureAwait(false);
            }
            _rounds.Add(new ClientRound(round.Index, report is not null, report?.Loss, outcome.Included));
        }
        if (global is null)
        {
            throw new FederationException("the arbiter ended training without sending the global model", ctx.Roster.Arbiter);
        }
        model.SetParameters(validating?.Best.Of(0) ?? global);
        return new HomoClientResult(model, shape, [.. _rounds], ledger?.Report() ?? centralPrivacy, validating?.Points.ToList(), validating?.BestRound);
    }

    /// <summary>
    /// Whether round <paramref name="round"/> ended with a validation, which handed every client the new global model:
    /// the arbiter then does not send it again at the start of the next round. Every party reads the same settings
    /// and the same setup, so they agree on it.
    /// </summary>
    internal static bool ValidatedAfter(HomoSettings settings, int round, bool validating) => validating && round >= 0 && settings.Validation.Due(round);

    private bool ValidatedAfter(int round, bool validating) => ValidatedAfter(settings, round, validating);

    private void CheckValidation(HorizontalData data, HorizontalData? validation)
    {
        if (validation is null)
        {
            return;
        }
        if (validation.RowCount == 0)
        {
            throw new ArgumentException($"party {ctx.Self}: validate_data has no rows");
        }
        if (!validation.FeatureNames.SequenceEqual(data.FeatureNames))
        {
            throw new ArgumentException($"party {ctx.Self}: validate_data has features [{string.Join(", ", validation.FeatureNames.Take(10))}], and train_data [{string.Join(", ", data.FeatureNames.Take(10))}]; they must match in name and order");
        }
        validation.Validate($"party {ctx.Self}'s validate_data");
    }

    private async Task<LocalTrainingReport> TrainAsync(ILocalModel model, double[] global, int round, RoundConfig config, PrivacyLedger? ledger, CancellationToken ct)
    {
        model.SetParameters(global);
        var dpSgd = ledger is null ? null : new DpSgdSettings(settings.Dp.ClipNorm, ledger.NoiseMultiplier);
        if (!(config.ProximalMu >= 0) || !double.IsFinite(config.ProximalMu))
        {
            throw new FederationException($"the arbiter's plan for round {round} sets the proximal μ to {config.ProximalMu}; it must be finite and not negative", ctx.Roster.Arbiter);
        }
        var request = new LocalTrainingRequest(settings.LocalEpochs, config.ProximalMu, global, dpSgd, RoundSeed(round));
        var report = await Task.Run(() => model.Train(request, ct), ct).ConfigureAwait(false);
        log?.Invoke($"round {round}: trained {report.Steps} steps on {report.SampleCount:G6} samples" + (dpSgd is null ? $", loss {report.Loss:G6}" : ""));
        return report;
    }

    /// <summary>
    /// The round's training seed: from the job's seed, the party and the round, so runs repeat; under DP-SGD mixed
    /// with fresh OS randomness, since noise another party could regenerate would protect nothing.
    /// </summary>
    private long RoundSeed(int round)
    {
        var seed = unchecked((settings.Seed * 1_000_003) ^ ((long)ctx.Self.Id << 20) ^ round);
        return settings.Dp.Mode == DpMode.DpSgd ? seed ^ BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) : seed;
    }

    private PrivacyLedger? DpSgdLedger(ILocalModel model)
    {
        if (settings.Dp.Mode != DpMode.DpSgd)
        {
            return null;
        }
        if (settings.Dp.NoiseMultiplier is null && model is not IStepSchedule)
        {
            throw new ArgumentException($"party {ctx.Self}: {factory.Name} cannot calibrate DP-SGD noise to a target ε (it does not say how it samples); set dp.noise_multiplier instead");
        }
        // Calibrated as if this client trained every round: the ε actually spent can only be lower.
        var sigma = PrivacyLedger.NoiseFor(settings.Dp, (accountant, s) =>
        {
            var schedule = (IStepSchedule)model;
            accountant.Compose(schedule.SamplingRate, s, (long)schedule.StepsPerEpoch * settings.LocalEpochs * settings.Rounds);
        });
        return new PrivacyLedger(settings.Dp, sigma);
    }
}
