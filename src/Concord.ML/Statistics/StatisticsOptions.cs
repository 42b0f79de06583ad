using Concord.ML.JobParameters;

namespace Concord.ML.Statistics;

/// <summary>How the statistics component runs: over rows split among parties, or over each party's own columns.</summary>
public sealed record StatisticsOptions
{
    [Parameter("mode", Description = "horizontal: same columns, rows split among parties, the guest learns totals; vertical: each party summarises its own columns locally")]
    public StatisticsMode Mode { get; init; } = StatisticsMode.Horizontal;

    [Parameter("reveal_to_guest", Description = "vertical mode: the statistics each host sends the guest for its (anonymous) columns, e.g. [mean, std]; none by default")]
    public IReadOnlyList<string> RevealToGuest { get; init; } = [];
}

public enum StatisticsMode
{
    Horizontal,
    Vertical,
}
