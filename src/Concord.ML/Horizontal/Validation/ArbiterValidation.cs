using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.ML.Horizontal.Aggregation;
using Concord.ML.Runtime;
using Concord.ML.Validation;
using static Concord.ML.Horizontal.HomoProtocol;

namespace Concord.ML.Horizontal.Validation;

/// <summary>
/// The arbiter's part in validating the global model after a round. Early stopping must stop every party at the same
/// round and keep the same model everywhere, so, as in FATE's horizontal components, one party decides on one curve:
/// the arbiter, which already decides the stop on the training loss, applies FATE's rule
/// (<see cref="ValidationCurve"/>) to the clients' row-weighted mean metrics and sends the verdict to every client.
/// The clients' scores reach it through the round's own aggregation (<see cref="ValidationSums"/>), so under secure
/// aggregation or Paillier it learns only the aggregate, never one client's loss or validation row count.
/// </summary>
internal sealed class ArbiterValidation(HomoSettings settings, ModelShape shape, IArbiterAggregation aggregation)
{
    private readonly IReadOnlyList<string> _recorded = settings.Validation.Recorded(ValidationSums.TaskOf(shape.Task));

    public ValidationCurve Curve { get; } = new(settings.Validation);

    /// <summary>The global model of the best round, where the arbiter holds the global model and early stopping is on.</summary>
    public BestModel<double[]> Best { get; } = new();

    public IReadOnlyList<IResumable> State => [Curve, Best];

    /// <summary>The round (1-based) whose model early stopping kept, or null when it is off.</summary>
    public int? BestRound => settings.Validation.EarlyStopping && Curve.Points.Count > 0
        ? ValidationCurve.Decide(Curve.Points, settings.Validation.Watched, settings.Validation.EarlyStoppingRounds).BestEpoch
        : null;

    /// <summary>The refusal of validation settings that cannot work for the agreed <paramref name="agreed"/> shape, or null.</summary>
    public static string? Problem(HomoSettings settings, ModelShape agreed, bool anyValidates)
    {
        var options = settings.Validation;
        if (options.EarlyStopping && !anyValidates)
        {
            return $"early_stopping_rounds is {options.EarlyStoppingRounds}, but no client has validate_data to stop on";
        }
        return anyValidates && options.Problem(ValidationSums.TaskOf(agreed.Task)) is var (parameter, message) ? $"{parameter}: {message}" : null;
    }

    /// <summary>Validates <paramref name="global"/> (null under Paillier), the model after <paramref name="round"/>, and returns whether to stop.</summary>
    public async Task<bool> ValidateAsync(Round round, IReadOnlyList<PartyRef> clients, double[]? global, CancellationToken ct)
    {
        var scope = round.Context.Sub("validation");
        if (global is not null)
        {
            await Stragglers.SendToEachAsync(scope, clients, GlobalModel, global, ct).ConfigureAwait(false);
        }
        var length = 1 + _recorded.Count;
        // Under central DP the clients decode every sum as holding one noise term; validation adds none, so a zero one.
        var noise = settings.Dp.Mode == DpMode.Central ? new double[length] : null;
        var sum = await aggregation.SumAsync(scope, clients, length, noise, ct).ConfigureAwait(false);
        var failure = sum.Failure ?? (sum.Included.Count == 0 ? $"no client's validation arrived within the {settings.RoundDeadline.TotalSeconds:0.#} s deadline" : null);
        await Stragglers.SendToEachAsync(scope, clients, Outcome, new RoundOutcome(sum.Included.Count, failure is null ? null : Failed(round, failure)), ct).ConfigureAwait(false);
        if (failure is not null)
        {
            throw new FederationException(Failed(round, failure));
        }
        await aggregation.PublishAsync(scope, clients, ct).ConfigureAwait(false);
        var total = sum.Sum ?? await scope.Guest.Receive(ValidationSum, ct).ConfigureAwait(false);
        if (total.Length != length)
        {
            throw new FederationException($"the guest sent {total.Length} values as \"{ValidationSum.Name}\" ({scope.Scope}), but validation sums {length}", scope.Roster.Guest);
        }
        if (ValidationSums.Mean(_recorded, total) is not { } metrics)
        {
            var empty = Failed(round, "the validation sum holds no validate_data row: every client that has some missed the deadline");
            await Stragglers.SendToEachAsync(scope, clients, Verdict, new ValidationVerdict(false, false, empty), ct).ConfigureAwait(false);
            throw new FederationException(empty);
        }
        var decision = Curve.Add(new ValidationPoint(0, round.Index + 1, metrics));
        var keeps = settings.Validation.EarlyStopping;
        if (keeps && decision.Best && global is not null)
        {
            Best.Keep(0, (double[])global.Clone());
        }
        var verdict = new ValidationVerdict(keeps && decision.Stop, keeps && decision.Best);
        await Stragglers.SendToEachAsync(scope, clients, Verdict, verdict, ct).ConfigureAwait(false);
        return verdict.Stop;
    }

    private static string Failed(Round round, string reason) => $"round {round.Index}: validation failed: {reason}";
}
