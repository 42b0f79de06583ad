using Xunit.Abstractions;
using Xunit.Sdk;

namespace Concord.Board.BrowserTests;

/// <summary>A test that needs Chromium: skipped, with the reason printed once, on a machine without it.</summary>
[XunitTestCaseDiscoverer("Concord.Board.BrowserTests.BrowserFactDiscoverer", "Concord.Board.BrowserTests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        // xunit reads Skip off this instance at discovery, so a missing browser is a skip, never a failure.
        Skip = SystemChromium.UnavailableReason;
    }
}

public sealed class BrowserFactDiscoverer(IMessageSink diagnostics) : FactDiscoverer(diagnostics)
{
    private readonly IMessageSink _diagnostics = diagnostics;
    private static int _reported;

    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        if (SystemChromium.UnavailableReason is string reason && Interlocked.Exchange(ref _reported, 1) == 0)
        {
            // Shown by the runner because xunit.runner.json turns diagnostic messages on: a skip must be seen.
            _diagnostics.OnMessage(new DiagnosticMessage($"SKIPPING the board's browser tests: {reason}"));
        }
        return base.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
