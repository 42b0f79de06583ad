using Concord.Federation;
using Concord.Federation.Parties;
using Concord.ML.Horizontal.Aggregation;
using Concord.ML.Runtime;
using Concord.ML.Validation;
using static Concord.ML.Horizontal.HomoProtocol;

namespace Concord.ML.Horizontal.Validation;

/// <summary>
/// A client's part in validating the global model after a round: it scores the model on its own validate_data rows in
/// plaintext (every client does, so a client with none adds zeros and its absence of rows stays hidden), records its
/// own metrics for its dashboard, sends its <see cref="ValidationSums"/> vector through the round's aggregation, and
/// obeys the arbiter's verdict on the aggregated curve. Each client keeps its copy of the best round's model, so that
/// every party ends with the same one without another transfer.
/// </summary>
internal sealed class ClientValidation
{
    private readonly HomoSettings _settings;
    private readonly ModelShape _shape;
    private readonly HorizontalData? _data;
    private readonly IReadOnlyList<string> _recorded;
    private List<ValidationPoint> _points = [];
    private int? _bestRound;

    public ClientValidation(HomoSettings settings, ModelShape shape, HorizontalData? data, PartyRef self)
    {
        (_settings, _shape, _data) = (settings, shape, data);
        _recorded = settings.Validation.Recorded(ValidationSums.TaskOf(shape.Task));
        var unknown = data is null || shape.Task == HorizontalTask.Regression ? -1 : Array.FindIndex(data.Labels, y => shape.ClassIndex(y) < 0);
        if (unknown >= 0)
        {
            throw new ArgumentException($"party {self}: validate_data label \"{data!.LabelName}\" is {data.Labels[unknown]} in row {unknown}, which is none of the classes the clients' train_data agreed on ({string.Join(", ", shape.Classes)})");
        }
    }

    public BestModel<double[]> Best { get; } = new();

    /// <summary>This client's own metrics per validation; empty at a client without validate_data.</summary>
    public IReadOnlyList<ValidationPoint> Points => _points;

    /// <summary>The round (1-based) whose model early stopping kept, or null when it is off.</summary>
    public int? BestRound => _bestRound;

    /// <summary>The validation's pieces of the client's checkpointed state.</summary>
    public IReadOnlyList<IResumable> State =>
    [
        new ResumableValue<List<ValidationPoint>>(() => _points, p => _points = p),
        new ResumableValue<int?>(() => _bestRound, b => _bestRound = b),
        Best,
    ];

    /// <summary>
    /// Validates <paramref name="global"/>, the model after round <paramref name="round"/> (the arbiter's copy, sent
    /// now, where it holds one; else the clients' own), and returns it: the client starts the next round from it.
    /// </summary>
    public async Task<double[]> ValidateAsync(Round round, IReadOnlyList<PartyRef> clients, ILocalModel model, double[] global, IClientAggregation aggregation, CancellationToken ct)
    {
        var scope = round.Context.Sub("validation");
        if (_settings.Aggregation != AggregationKind.Paillier)
        {
            global = await scope.Arbiter.Receive(GlobalModel, ct).ConfigureAwait(false);
        }
        var metrics = _data is null ? null : Score(model, global);
        await aggregation.ContributeAsync(scope, clients, ValidationSums.Build(_recorded, _data?.TotalWeight ?? 0, metrics), ct).ConfigureAwait(false);
        var outcome = await scope.Arbiter.Receive(Outcome, ct).ConfigureAwait(false);
        if (outcome.Failure is string failure)
        {
            throw new FederationException($"the arbiter stopped training: {failure}", scope.Roster.Arbiter);
        }
        if (await aggregation.ReceiveSumAsync(scope, 1 + _recorded.Count, outcome.Included, ct).ConfigureAwait(false) is double[] sum && scope.Self == scope.Roster.Guest)
        {
            await scope.Arbiter.Send(ValidationSum, sum, ct).ConfigureAwait(false);
        }
        var verdict = await scope.Arbiter.Receive(Verdict, ct).ConfigureAwait(false);
        if (verdict.Failure is string refused)
        {
            throw new FederationException($"the arbiter stopped training: {refused}", scope.Roster.Arbiter);
        }
        if (metrics is not null)
        {
            _points.Add(new ValidationPoint(0, round.Index + 1, metrics));
        }
        if (verdict.Best)
        {
            Best.Keep(0, (double[])global.Clone());
            _bestRound = round.Index + 1;
        }
        return global;
    }

    /// <summary>The global model's metrics on this client's validation rows, computed as the vertical models' are.</summary>
    private IReadOnlyDictionary<string, double> Score(ILocalModel model, double[] global)
    {
        var data = _data!;
        model.SetParameters(global);
        var outputs = _shape.Outputs;
        var scores = Enumerable.Range(0, outputs).Select(_ => new double[data.RowCount]).ToArray();
        for (var i = 0; i < data.RowCount; i++)
        {
            var prediction = model.Predict(data.Rows[i]);
            for (var k = 0; k < outputs; k++)
            {
                scores[k][i] = prediction[k];
            }
        }
        return _shape.Task == HorizontalTask.MultiClass
            ? ValidationMetrics.EvaluateMulti(_recorded, _shape.Classes, scores, data.Labels, data.Weights)
            : ValidationMetrics.Evaluate(ValidationSums.TaskOf(_shape.Task), _recorded, scores[0], data.Labels, data.Weights);
    }
}
