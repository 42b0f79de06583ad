using Xunit.Abstractions;
using Xunit.Sdk;

namespace Concord.Flow.Tests.Store;

/// <summary>
/// A fact of the store contract. xunit 2 cannot skip a test once it runs, and an inherited [Fact] cannot tell
/// which subclass it runs for; so this fact's discoverer asks the test class whether its backend is available,
/// and reports the test as skipped, with the reason, when it is not.
/// </summary>
[XunitTestCaseDiscoverer("Concord.Flow.Tests.Store.StoreFactDiscoverer", "Concord.Flow.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>Put on a test class whose backend may be missing: the reason it is, or null when it is there.</summary>
[AttributeUsage(AttributeTargets.Class)]
public abstract class BackendAttribute : Attribute
{
    public abstract string? UnavailableReason { get; }
}

public sealed class StoreFactDiscoverer(IMessageSink diagnostics) : FactDiscoverer(diagnostics)
{
    private readonly IMessageSink _diagnostics = diagnostics;

    /// <summary>The reasons already reported: each once, not once per test.</summary>
    private static readonly HashSet<string> Reported = [];

    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var backend = testMethod.TestClass.Class.ToRuntimeType().GetCustomAttributes(typeof(BackendAttribute), inherit: true).Cast<BackendAttribute>().SingleOrDefault();
        var reason = backend?.UnavailableReason;
        if (reason is not null)
        {
            lock (Reported)
            {
                if (Reported.Add(reason))
                {
                    // Shown by the runner because xunit.runner.json turns diagnostic messages on: a skip must be seen.
                    _diagnostics.OnMessage(new DiagnosticMessage($"SKIPPING {testMethod.TestClass.Class.Name}: {reason}"));
                }
            }
        }
        return reason is not null
            ? new SkippedTestCase(reason, _diagnostics, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)
            : base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
    }
}

/// <summary>A test case reported as skipped for a reason found at discovery, kept across the runner's serialization.</summary>
public sealed class SkippedTestCase : XunitTestCase
{
    private string _reason = "";

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedTestCase()
    {
    }

    public SkippedTestCase(string reason, IMessageSink diagnostics, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod)
        : base(diagnostics, display, displayOptions, testMethod)
    {
        _reason = reason;
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("SkipReason", _reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _reason = data.GetValue<string>("SkipReason");
        base.Deserialize(data);
    }
}
