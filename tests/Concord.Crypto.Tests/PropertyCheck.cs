using FsCheck;

namespace Concord.Crypto.Tests;

internal static class PropertyCheck
{
    /// <summary>Runs a property for <paramref name="tests"/> cases, throwing with the counterexample on failure.</summary>
    public static void Run(Property property, int tests = 100) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(tests), property);
}
