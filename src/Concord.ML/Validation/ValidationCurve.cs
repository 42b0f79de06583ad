using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.ML.Runtime;

namespace Concord.ML.Validation;

/// <summary>One validation: after which epoch (1-based; tree, round) of which model, and each recorded metric's value.</summary>
public sealed record ValidationPoint(int Model, int Epoch, IReadOnlyDictionary<string, double> Metrics);

/// <summary>What early stopping makes of the curve so far: stop now, whether the last validation is the best yet, and the best epoch.</summary>
public sealed record ValidationDecision(bool Stop, bool Best, int BestEpoch);

/// <summary>
/// The validations of a run, checkpointed with it so that a resumed run decides exactly as an uninterrupted one, and
/// FATE's early-stopping rule read from them: a watched metric that has not strictly improved on its best for
/// early_stopping_rounds validations stops the model. The model kept is the best validation's by the first watched
/// metric (FATE keeps the best by whichever metric stopped it; with one watched metric the two agree).
/// </summary>
public sealed class ValidationCurve(ValidationOptions options) : IResumable
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public List<ValidationPoint> Points { get; private set; } = [];

    /// <summary>Records a validation and decides on the validations of its model.</summary>
    public ValidationDecision Add(ValidationPoint point)
    {
        Points.Add(point);
        return Decide([.. Points.Where(p => p.Model == point.Model)], options.Watched, options.EarlyStoppingRounds);
    }

    /// <summary>The rule on one model's validations in order; <paramref name="patience"/> 0 never stops.</summary>
    public static ValidationDecision Decide(IReadOnlyList<ValidationPoint> points, IReadOnlyList<string> watched, int patience)
    {
        var stop = false;
        var bestEpoch = 0;
        for (var m = 0; m < watched.Count; m++)
        {
            var best = 0;
            for (var i = 1; i < points.Count; i++)
            {
                if (Improves(watched[m], points[i].Metrics[watched[m]], points[best].Metrics[watched[m]]))
                {
                    best = i;
                }
            }
            stop |= patience > 0 && points.Count - 1 - best >= patience;
            if (m == 0)
            {
                bestEpoch = points[best].Epoch;
            }
        }
        return new ValidationDecision(stop, bestEpoch == points[^1].Epoch, bestEpoch);
    }

    private static bool Improves(string metric, double value, double best) =>
        ValidationMetrics.HigherIsBetter(metric) ? value > best : value < best;

    public byte[] Save() => JsonSerializer.SerializeToUtf8Bytes(Points, Json);

    public void Restore(byte[] saved) =>
        Points = JsonSerializer.Deserialize<List<ValidationPoint>>(saved, Json) ?? throw new InvalidDataException("the checkpoint holds no validation curve");
}
