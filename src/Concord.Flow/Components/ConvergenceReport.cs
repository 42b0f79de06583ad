using System.Globalization;
using System.Text.Json.Nodes;
using Concord.ML.JobParameters;
using Concord.ML.Linear;

namespace Concord.Flow.Components;

/// <summary>
/// Whether an iterative model met its stopping rule or ran out of iterations. A model cut off at max_iter still
/// ends in success, so this is what tells its user that the numbers may be far from the fit: a warning in the
/// task's log and the fields <c>converged</c>, <c>stopped_at_max_iter</c> and <c>warnings</c> in its metrics.
/// </summary>
public sealed record ConvergenceReport(bool Converged, IReadOnlyList<string> Warnings)
{
    public bool StoppedAtMaxIter => !Converged;

    /// <param name="converged">Per model trained (one per class for one-vs-rest), whether it met tol.</param>
    /// <param name="losses">The last model's loss per epoch; empty where the protocol computes none.</param>
    public static ConvergenceReport Of(string component, LinearOptions options, IReadOnlyList<bool> converged, IReadOnlyList<double> losses)
    {
        if (converged.Count > 0 && converged.All(c => c))
        {
            return new ConvergenceReport(true, []);
        }
        var which = converged.Count > 1 ? $" ({converged.Count(c => !c)} of its {converged.Count} one-vs-rest models)" : "";
        var rule = $"tol {options.Tol.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant()} (early_stop: {WireNames.Of(options.EarlyStop)})";
        return new ConvergenceReport(false, [$"{component} stopped at max_iter {options.MaxIter}{which} without meeting {rule}{Trend(losses)}; "
            + "the model may be far from its fit: raise max_iter, or set standardize: true when features are small or on different scales"]);
    }

    /// <summary>What the loss did over the last epoch, the usual hint that more epochs (or scaled features) would help.</summary>
    private static string Trend(IReadOnlyList<double> losses)
    {
        if (losses.Count < 2 || !double.IsFinite(losses[^1]) || !double.IsFinite(losses[^2]))
        {
            return "";
        }
        var (before, last) = (losses[^2], losses[^1]);
        var word = last < before ? "still falling" : last > before ? "rising" : "flat";
        return string.Create(CultureInfo.InvariantCulture, $", its loss {word} ({before:G4} to {last:G4} in the last epoch)");
    }

    /// <summary>Adds the report's fields to a task's metrics.</summary>
    public void AddTo(JsonObject metrics)
    {
        metrics["converged"] = Converged;
        metrics["stopped_at_max_iter"] = StoppedAtMaxIter;
        metrics["warnings"] = new JsonArray([.. Warnings.Select(w => (JsonNode)w)]);
    }
}
