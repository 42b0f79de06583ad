using System.Diagnostics;

namespace Concord.Local;

/// <summary>One line per step on stderr, with the time since the start, so stdout stays the report.</summary>
public sealed class StepProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Step(string text) => Console.Error.WriteLine($"[{_clock.Elapsed.TotalSeconds,5:F1}s] {text}");
}
