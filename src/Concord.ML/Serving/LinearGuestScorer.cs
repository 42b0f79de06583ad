using System.Buffers.Binary;
using Concord.Federation.Parties;
using Concord.ML.HeteroLinear;
using Concord.ML.Linear;
using Concord.ML.LocalBaseline;

namespace Concord.ML.Serving;

/// <summary>A vertical linear model online: the guest's w·x plus each host's w_h·x_h, through the link, as batch prediction combines them.</summary>
public sealed class LinearGuestScorer : GuestScorer
{
    private readonly PartyLinearModel _model;
    private readonly int[] _hosts;

    /// <param name="hosts">The host parties the deployment asks, which must be those the model was trained with.</param>
    public LinearGuestScorer(PartyLinearModel model, IReadOnlyList<int> hosts)
    {
        if (model.Hosts is int[] trained && !trained.Order().SequenceEqual(hosts.Order()))
        {
            throw new ArgumentException($"the model was trained with host(s) {string.Join(", ", trained)}, and the deployment names {string.Join(", ", hosts)}");
        }
        _model = model;
        _hosts = [.. hosts];
    }

    public override IReadOnlyList<string> Features => _model.InputNames ?? _model.FeatureNames;

    public override bool AcceptsMissing => false;

    public override int Outputs => _model.Weights.Length;

    /// <summary>The classes of a one-vs-rest model, one per output; empty for a single binary or regression model.</summary>
    public IReadOnlyList<double> Classes => _model.Classes;

    public override IReadOnlyList<int> Hosts => _hosts;

    public override int AnswerWidth(int host) => _model.Weights.Length * sizeof(double);

    public override double[][] Score(NumericColumns guest, IReadOnlyList<byte[]> answers)
    {
        var rows = guest.RowCount;
        CheckLengths(rows, answers);
        var features = _model.Prepare(guest, "the request");
        double[][] own = [.. _model.Weights.Select(w => LocalLinearTrainer.LinearPredictor(features.Columns, w, rows))];
        // Host answers are row-major (each id's models together); Combine takes them model-major.
        var models = _model.Weights.Length;
        var hostScores = answers.Select(bytes =>
        {
            var scores = new double[models * rows];
            for (var i = 0; i < rows; i++)
            {
                for (var k = 0; k < models; k++)
                {
                    scores[(k * rows) + i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(((i * models) + k) * sizeof(double)));
                }
            }
            return scores;
        }).ToList();
        return JointPrediction.Combine(_model.Task, own, hostScores, [.. _hosts.Select(PartyRef.Host)], exposure: null);
    }
}
