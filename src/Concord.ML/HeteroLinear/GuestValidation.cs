using Concord.Federation.Parties;
using Concord.ML.Linear;
using Concord.ML.Runtime;
using Concord.ML.Validation;
using static Concord.ML.HeteroLinear.HeteroLinearProtocol;

namespace Concord.ML.HeteroLinear;

/// <summary>
/// The guest's validation of the vertical GLM on validate_data, by the model's own joint prediction: each host sends
/// w_h·x_h on its validation rows, the guest adds its w·x and the link, and scores the result against its labels in
/// plaintext. Only the early-stopping outcome (stop, best) leaves the guest, through the arbiter's verdict. Like
/// FATE's, this shows the guest the hosts' partial scores on the validation rows once per validation.
/// </summary>
internal sealed class GuestValidation(HeteroLinearSettings settings, GuestValidationData data, double[] classes)
{
    private readonly IReadOnlyList<string> _recorded = settings.Validating.Recorded(settings.ValidationTask);

    public ValidationCurve Curve { get; } = new(settings.Validating);

    public BestModel<double[]> Best { get; } = new();

    /// <summary>The validation's pieces of checkpointed state: the curve and the kept shares.</summary>
    public IReadOnlyList<IResumable> State => [Curve, Best];

    /// <summary>Scores the model after this epoch, keeps the guest's share when it is the best, and tells the arbiter.</summary>
    public async Task ValidateAsync(Epoch epoch, PartyWeights weights, IReadOnlyList<PartyRef> hosts, CancellationToken ct)
    {
        var scores = await epoch.Hosts.ReceiveAll(ValidationPartialScore, ct).ConfigureAwait(false);
        var own = LocalBaseline.LocalLinearTrainer.LinearPredictor(data.Features.Columns, weights.Weights[epoch.Model], data.Ids.Count);
        var predictions = JointPrediction.Combine(settings.Options.Task, [own], scores, hosts, data.Exposure)[0];
        var labels = LabelClasses.Target(data.Labels, classes, epoch.Model);
        var metrics = ValidationMetrics.Evaluate(settings.ValidationTask, _recorded, predictions, labels, data.SampleWeights);
        var decision = Curve.Add(new ValidationPoint(epoch.Model, epoch.Index + 1, metrics));
        var keeps = settings.Validating.EarlyStopping;
        if (keeps && decision.Best)
        {
            Best.Keep(epoch.Model, (double[])weights.Weights[epoch.Model].Clone());
        }
        await epoch.Arbiter.Send(ValidationOutcome, new ValidationStatus(keeps && decision.Stop, keeps && decision.Best), ct).ConfigureAwait(false);
    }

    /// <summary>Per model, the epoch early stopping kept (the best validation's).</summary>
    public IReadOnlyList<int> BestEpochs(int models) =>
        [.. Enumerable.Range(0, models).Select(k => Curve.Points.Where(p => p.Model == k).ToList())
            .Where(points => points.Count > 0)
            .Select(points => ValidationCurve.Decide(points, settings.Validating.Watched, settings.Validating.EarlyStoppingRounds).BestEpoch)];

    /// <summary>Refuses validation rows the hosts do not hold in the same order, or labels the model cannot be scored on.</summary>
    public static void Check(GuestValidationData data, IReadOnlyList<byte[]> digests, IReadOnlyList<PartyRef> hosts, LinearTask task, double[] classes, string labelName)
    {
        if (data.Ids.Count == 0)
        {
            throw new ArgumentException("validate_data has no rows");
        }
        AlignedIds.Require(data.Ids, digests, hosts, "validate_data rows");
        try
        {
            var own = LabelClasses.For(task, data.Labels, labelName);
            if (task == LinearTask.Logistic && classes.Length == 0 && own.Length > 0)
            {
                throw new ArgumentException($"label \"{labelName}\" has {own.Length} classes, and the model trains on 0 and 1");
            }
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"validate_data: {ex.Message}", ex);
        }
    }
}
