using Concord.ML.JobParameters;

namespace Concord.ML.Validation;

/// <summary>
/// FATE's validation strategy: with validate_data connected, the model is scored on it every
/// <see cref="ValidationFreqs"/> epochs (trees, rounds), and with <see cref="EarlyStoppingRounds"/> set training stops
/// once a watched metric has not improved for that many validations; the model kept is then the best validation's.
/// </summary>
public sealed record ValidationOptions
{
    [Parameter("validation_freqs", AtLeast = 1, Description = "with validate_data: score it after every this many epochs (trees, rounds)")]
    public int ValidationFreqs { get; init; } = 1;

    [Parameter("early_stopping_rounds", AtLeast = 0, Description = "stop once a watched metric has not improved for this many validations (0: off); needs validate_data. The model kept is the best validation's")]
    public int EarlyStoppingRounds { get; init; }

    /// <summary>The validation metrics to record and to watch; null records the task's defaults and watches the loss.</summary>
    [Parameter("metrics", Description = "validation metrics to record and watch for early stopping, e.g. [auc, ks] or [loss]; unset: the task's defaults, early stopping on the loss")]
    public IReadOnlyList<string>? Metrics { get; init; }

    [Parameter("use_first_metric_only", Description = "early stopping watches only the first of metrics, not each of them")]
    public bool UseFirstMetricOnly { get; init; }

    public bool EarlyStopping => EarlyStoppingRounds > 0;

    /// <summary>What each validation records: the loss, then the metrics asked for (the task's defaults when none are).</summary>
    public IReadOnlyList<string> Recorded(ValidationTask task) =>
        ["loss", .. (Metrics ?? ValidationMetrics.Defaults(task)).Where(m => m != "loss").Distinct()];

    /// <summary>The metrics early stopping watches; the first one also picks the model kept.</summary>
    public IReadOnlyList<string> Watched => Metrics is { Count: > 0 } m ? (UseFirstMetricOnly ? [m[0]] : [.. m.Distinct()]) : ["loss"];

    /// <summary>Whether validation runs after epoch <paramref name="index"/> (0-based), as FATE's (epoch + 1) % validation_freqs.</summary>
    public bool Due(int index) => (index + 1) % ValidationFreqs == 0;

    /// <summary>The first problem with these options for <paramref name="task"/>: (parameter, message), or null.</summary>
    public (string Parameter, string Message)? Problem(ValidationTask task)
    {
        foreach (var metric in Metrics ?? [])
        {
            if (!ValidationMetrics.Known.Contains(metric))
            {
                return ("metrics", $"unknown validation metric \"{metric}\"; known: {string.Join(", ", ValidationMetrics.Known)}");
            }
            if (!ValidationMetrics.For(task).Contains(metric))
            {
                return ("metrics", $"validation metric \"{metric}\" does not fit a {ValidationMetrics.Describe(task)} model; it takes {string.Join(", ", ValidationMetrics.For(task))}");
            }
        }
        return null;
    }
}
